package io.mycel.mc.explore;

import io.mycel.mc.state.ByteKey;
import io.mycel.mc.state.StateEncoder;
import io.mycel.mc.system.Envelope;
import io.mycel.mc.system.McSystem;
import io.mycel.mc.system.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Partial-order reduction by sleep sets (Godefroid): from a state, a step that commutes with one
 * already explored from an ancestor is not explored again, since both orders lead to the same state.
 * It saves transitions, not states: every state is still reached.
 *
 * <p>Two steps commute when they act on different actors, are not both client steps (each adds to the
 * shared history, whose order matters), and do not draw on the same fault budget. A state's
 * invariant memory may remember which of two commuting steps came first; only one order is kept, so an
 * invariant must judge what happened, not the order of independent steps (Raft's does).
 *
 * <p>With states stored, a state reached again under a smaller sleep set is explored again for the
 * steps it slept through before (the stored set becomes the intersection), which keeps the search
 * complete. Steps are named across paths by content: a message by its bytes and its rank among
 * identical ones in flight, a timer by its actor and id.
 */
final class SleepSets {

    /** A step with what decides whether it commutes with another. */
    record Entry(ByteKey key, int actor, boolean client, int budget) {
        boolean independentOf(Entry other) {
            return actor != other.actor && !(client && other.client) && (budget == 0 || budget != other.budget);
        }
    }

    /** What is known of a stored state: the sleep set it is (or was) explored with. */
    static final class Stored {
        List<Entry> sleep;
        boolean expanded;

        Stored(List<Entry> sleep) {
            this.sleep = sleep;
        }
    }

    private final StateEncoder encoder = new StateEncoder();
    private final Map<Long, Stored> stored = new HashMap<>();

    /** The entries of {@code steps}, enabled in {@code state}, in the same order. */
    List<Entry> entries(McSystem state, List<Step> steps) {
        Map<Long, byte[]> messageKeys = new HashMap<>();
        Map<ByteKey, Integer> ranks = new HashMap<>();
        for (Envelope e : state.inFlight()) {
            byte[] body = encoder.standalone(new Object[] {e.from(), e.to(), e.message()});
            int rank = ranks.merge(new ByteKey(body), 1, Integer::sum) - 1;
            messageKeys.put(e.seq(), withRank(body, rank));
        }
        List<Entry> out = new ArrayList<>(steps.size());
        for (Step step : steps) {
            int actor = step.actor(state);
            boolean client = !state.isServer(actor);
            ByteKey key;
            int budget = 0;
            if (step instanceof Step.Deliver d) {
                key = tagged(1, messageKeys.get(d.seq()));
            } else if (step instanceof Step.Drop d) {
                key = tagged(2, messageKeys.get(d.seq()));
                budget = 1;
            } else if (step instanceof Step.Duplicate d) {
                key = tagged(3, messageKeys.get(d.seq()));
                budget = 2;
            } else if (step instanceof Step.Fire f) {
                key = new ByteKey(new byte[] {4, (byte) actor, (byte) (f.timerId() >>> 24), (byte) (f.timerId() >>> 16),
                        (byte) (f.timerId() >>> 8), (byte) f.timerId()});
            } else if (step instanceof Step.Crash) {
                key = new ByteKey(new byte[] {5, (byte) actor});
                budget = 3;
            } else {
                key = new ByteKey(new byte[] {6, (byte) actor});
            }
            out.add(new Entry(key, actor, client, budget));
        }
        return out;
    }

    /** A message's bytes and its rank among identical ones in flight. */
    private static byte[] withRank(byte[] bytes, int rank) {
        byte[] b = Arrays.copyOf(bytes, bytes.length + 4);
        b[bytes.length] = (byte) (rank >>> 24);
        b[bytes.length + 1] = (byte) (rank >>> 16);
        b[bytes.length + 2] = (byte) (rank >>> 8);
        b[bytes.length + 3] = (byte) rank;
        return b;
    }

    /** The name of a step on a message: what it does to it, then the message. */
    private static ByteKey tagged(int tag, byte[] message) {
        byte[] b = new byte[message.length + 1];
        b[0] = (byte) tag;
        System.arraycopy(message, 0, b, 1, message.length);
        return new ByteKey(b);
    }

    /** The sleep set of a step's successor: what slept, or was explored before it here, and commutes with it. */
    static List<Entry> successorSleep(List<Entry> sleep, List<Entry> before, Entry taken) {
        List<Entry> out = new ArrayList<>();
        for (Entry u : sleep) {
            if (u.independentOf(taken)) {
                out.add(u);
            }
        }
        for (Entry u : before) {
            if (u.independentOf(taken)) {
                out.add(u);
            }
        }
        return out;
    }

    static boolean asleep(List<Entry> sleep, Entry step) {
        for (Entry u : sleep) {
            if (u.key().equals(step.key())) {
                return true;
            }
        }
        return false;
    }

    /** Records a new state's sleep set. */
    void remember(long state, List<Entry> sleep) {
        stored.put(state, new Stored(sleep));
    }

    /** The sleep set to expand {@code state} with now, marking it expanded. */
    List<Entry> expand(long state) {
        Stored s = stored.get(state);
        if (s == null) {
            return List.of();
        }
        s.expanded = true;
        return s.sleep;
    }

    /**
     * A state seen before is reached again with {@code sleep}: true when it must be explored again,
     * because it was expanded with a sleep set holding steps this one does not (the stored set becomes
     * the intersection, so those steps are explored when it is).
     */
    boolean revisit(long state, List<Entry> sleep) {
        Stored s = stored.get(state);
        if (s == null || s.sleep.isEmpty()) {
            return false;
        }
        List<Entry> both = new ArrayList<>();
        for (Entry u : s.sleep) {
            if (asleep(sleep, u)) {
                both.add(u);
            }
        }
        if (both.size() == s.sleep.size()) {
            return false;
        }
        s.sleep = both;
        boolean again = s.expanded;
        s.expanded = false;
        return again;
    }
}
