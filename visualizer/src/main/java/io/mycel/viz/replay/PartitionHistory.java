package io.mycel.viz.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who could reach whom over a run: each {@code partition} (groups of nodes; nodes in no group form
 * one more group together), one-way {@code cut} and {@code heal} record of the trace, as states
 * from their instant on, so the links cut at any instant are a binary search away.
 */
final class PartitionHistory {

    /** From {@code micros} on: each node's group (absent: group 0) and the one-way cuts (from, to). */
    private record State(long micros, Map<Integer, Integer> groupOf, Set<Long> cuts) {
    }

    private final List<State> states = new ArrayList<>(List.of(new State(0, Map.of(), Set.of())));

    /** A new grouping from {@code micros}; the cuts stay, as in the simulator. */
    void partition(long micros, List<List<Integer>> groups) {
        Map<Integer, Integer> groupOf = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            for (int node : groups.get(g)) {
                groupOf.put(node, g + 1);
            }
        }
        states.add(new State(micros, groupOf, last().cuts()));
    }

    /** Messages from each of {@code from} to each of {@code to} stop from {@code micros}. */
    void cut(long micros, List<Integer> from, List<Integer> to) {
        Set<Long> cuts = new HashSet<>(last().cuts());
        for (int a : from) {
            for (int b : to) {
                cuts.add(key(a, b));
            }
        }
        states.add(new State(micros, last().groupOf(), cuts));
    }

    void heal(long micros) {
        states.add(new State(micros, Map.of(), Set.of()));
    }

    /** Whether the link between nodes {@code a} and {@code b} is cut (either way) at {@code micros}. */
    boolean cut(int a, int b, long micros) {
        State s = at(micros);
        return !s.groupOf().getOrDefault(a, 0).equals(s.groupOf().getOrDefault(b, 0))
                || s.cuts().contains(key(a, b)) || s.cuts().contains(key(b, a));
    }

    /** Whether a partition or cut (either way) keeps {@code node} from any of the first {@code nodeCount} nodes at {@code micros}. */
    boolean cutOff(int node, int nodeCount, long micros) {
        State s = at(micros);
        if (s.groupOf().isEmpty() && s.cuts().isEmpty()) {
            return false;   // healed: the common case, one search and done
        }
        for (int other = 0; other < nodeCount; other++) {
            if (other != node && (!s.groupOf().getOrDefault(node, 0).equals(s.groupOf().getOrDefault(other, 0))
                    || s.cuts().contains(key(node, other)) || s.cuts().contains(key(other, node)))) {
                return true;
            }
        }
        return false;
    }

    private State at(long micros) {
        return states.get(Math.max(0, Timeline.lastAtOrBefore(states.size(), i -> states.get(i).micros(), micros)));
    }

    private State last() {
        return states.get(states.size() - 1);
    }

    private static long key(int from, int to) {
        return ((long) from << 32) | (to & 0xFFFFFFFFL);
    }
}
