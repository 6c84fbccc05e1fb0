package io.mycel.mc.system;

import io.mycel.mc.state.Constant;
import io.mycel.node.api.DurableStore;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.PowerView;
import io.mycel.node.api.Process;
import io.mycel.node.api.RandomSource;
import io.mycel.node.api.SeededRandom;
import io.mycel.node.api.TimerId;
import java.util.List;
import java.util.TreeMap;

/**
 * A server or a client of the explored system, and the context its process sees. Its clock moves
 * only when one of its timers fires (to the timer's deadline), so its timers fire in deadline order
 * on its own clock, while the clocks of different actors are unrelated: any interleaving of
 * deliveries and timers across actors is possible, as with unbounded delays and skew.
 */
final class Actor implements NodeContext {

    @Constant
    final NodeId id;
    @Constant
    final int index;
    @Constant
    final boolean server;
    @Constant
    private final List<NodeId> members;
    final McSystem system;
    Process process;
    final McStore store = new McStore();
    final SeededRandom random;
    final TreeMap<Long, PendingTimer> timers = new TreeMap<>();
    long clock;
    int incarnation;
    long nextTimerId;

    Actor(McSystem system, NodeId id, int index, boolean server, List<NodeId> members, SeededRandom random) {
        this.system = system;
        this.id = id;
        this.index = index;
        this.server = server;
        this.members = members;
        this.random = random;
    }

    boolean up() {
        return process != null;
    }

    /** The timer that fires next, or null. */
    PendingTimer nextTimer() {
        PendingTimer best = null;
        for (PendingTimer t : timers.values()) {
            if (best == null || t.deadline() < best.deadline()) {
                best = t;
            }
        }
        return best;
    }

    @Override
    public NodeId self() {
        return id;
    }

    @Override
    public List<NodeId> members() {
        return members;
    }

    @Override
    public long nowMicros() {
        return clock;
    }

    @Override
    public RandomSource random() {
        return random;
    }

    @Override
    public void send(NodeId to, Message message) {
        system.post(this, to, message);
    }

    @Override
    public TimerId setTimer(String name, long delayMicros) {
        TimerId timer = new TimerId(++nextTimerId, name);
        timers.put(timer.id(), new PendingTimer(timer, clock + Math.max(0, delayMicros)));
        return timer;
    }

    @Override
    public void cancelTimer(TimerId timer) {
        if (timer != null) {
            timers.remove(timer.id());
        }
    }

    @Override
    public DurableStore storage() {
        return store;
    }

    @Override
    public PowerView power() {
        return PowerView.MAINS;
    }

    @Override
    public void emit(String event, String detail) {
        system.emitted(this, event, detail);
    }

    @Override
    public String toString() {
        return id.name();
    }
}
