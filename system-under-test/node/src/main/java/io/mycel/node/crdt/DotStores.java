package io.mycel.node.crdt;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The join of dot-tagged stores with their causal contexts, shared by the causal CRDTs: a dot
 * survives if both sides hold it, or if one side holds it and the other side has not seen it. A
 * dot one side has seen but no longer holds was removed (or overwritten) there, and stays removed.
 */
final class DotStores {

    private DotStores() {
    }

    static <V> SortedMap<Dot, V> join(SortedMap<Dot, V> a, CausalContext aSeen, SortedMap<Dot, V> b, CausalContext bSeen) {
        TreeMap<Dot, V> joined = new TreeMap<>();
        for (Map.Entry<Dot, V> entry : a.entrySet()) {
            Dot dot = entry.getKey();
            if (b.containsKey(dot)) {
                if (!Objects.equals(b.get(dot), entry.getValue())) {
                    throw new IllegalStateException("dot " + dot + " tags two values: " + entry.getValue() + " and " + b.get(dot));
                }
                joined.put(dot, entry.getValue());
            } else if (!bSeen.contains(dot)) {
                joined.put(dot, entry.getValue());
            }
        }
        for (Map.Entry<Dot, V> entry : b.entrySet()) {
            if (!a.containsKey(entry.getKey()) && !aSeen.contains(entry.getKey())) {
                joined.put(entry.getKey(), entry.getValue());
            }
        }
        return joined;
    }
}
