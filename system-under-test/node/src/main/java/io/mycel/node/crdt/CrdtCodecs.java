package io.mycel.node.crdt;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The binary forms of the CRDT states (and so of their deltas), for messages. Decoding checks what
 * the types promise, so a malformed or hostile message is rejected, never merged: counts within
 * limits, counters positive, no dot twice, and every dot a causal store holds covered by its
 * context.
 */
public final class CrdtCodecs {

    /** The most entries (replicas, elements, dots) one state may carry. */
    public static final int MAX_ENTRIES = 1 << 16;
    private static final int MAX_REPLICA_BYTES = 256;

    private CrdtCodecs() {
    }

    public static void writeDot(WireWriter out, Dot dot) {
        out.writeString(dot.replica());
        out.writeVarLong(dot.counter());
    }

    public static Dot readDot(WireReader in) throws MalformedMessageException {
        String replica = readReplica(in);
        long counter = in.readVarLong();
        if (counter < 1) {
            throw new MalformedMessageException("dot counter " + counter + " is below 1");
        }
        return new Dot(replica, counter);
    }

    private static String readReplica(WireReader in) throws MalformedMessageException {
        String replica = in.readString(MAX_REPLICA_BYTES);
        if (replica.isEmpty()) {
            throw new MalformedMessageException("empty replica name");
        }
        return replica;
    }

    public static void writeContext(WireWriter out, CausalContext context) {
        out.writeVarLong(context.vector().size());
        context.vector().forEach((replica, max) -> {
            out.writeString(replica);
            out.writeVarLong(max);
        });
        out.writeVarLong(context.cloud().size());
        context.cloud().forEach(dot -> writeDot(out, dot));
    }

    public static CausalContext readContext(WireReader in) throws MalformedMessageException {
        int replicas = in.readLength(MAX_ENTRIES, "version vector size");
        TreeMap<String, Long> vector = new TreeMap<>();
        for (int i = 0; i < replicas; i++) {
            String replica = readReplica(in);
            long max = in.readVarLong();
            if (max < 1 || vector.put(replica, max) != null) {
                throw new MalformedMessageException("version vector entry " + replica + "=" + max + " is repeated or below 1");
            }
        }
        int dots = in.readLength(MAX_ENTRIES, "dot cloud size");
        TreeSet<Dot> cloud = new TreeSet<>();
        for (int i = 0; i < dots; i++) {
            if (!cloud.add(readDot(in))) {
                throw new MalformedMessageException("a dot appears twice in the cloud");
            }
        }
        return CausalContext.of(vector, cloud);
    }

    public static void writeGCounter(WireWriter out, GCounter counter) {
        out.writeVarLong(counter.counts().size());
        counter.counts().forEach((replica, count) -> {
            out.writeString(replica);
            out.writeVarLong(count);
        });
    }

    public static GCounter readGCounter(WireReader in) throws MalformedMessageException {
        int replicas = in.readLength(MAX_ENTRIES, "counter replicas");
        TreeMap<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < replicas; i++) {
            String replica = readReplica(in);
            long count = in.readVarLong();
            if (count < 1 || counts.put(replica, count) != null) {
                throw new MalformedMessageException("counter entry " + replica + "=" + count + " is repeated or below 1");
            }
        }
        return new GCounter(counts);
    }

    public static void writePNCounter(WireWriter out, PNCounter counter) {
        writeGCounter(out, counter.up());
        writeGCounter(out, counter.down());
    }

    public static PNCounter readPNCounter(WireReader in) throws MalformedMessageException {
        return new PNCounter(readGCounter(in), readGCounter(in));
    }

    public static <E extends Comparable<E>> void writeGSet(WireWriter out, GSet<E> set, ElementCodec<E> codec) {
        out.writeVarLong(set.elements().size());
        set.elements().forEach(e -> codec.write(out, e));
    }

    public static <E extends Comparable<E>> GSet<E> readGSet(WireReader in, ElementCodec<E> codec)
            throws MalformedMessageException {
        int size = in.readLength(MAX_ENTRIES, "set size");
        TreeSet<E> elements = new TreeSet<>();
        for (int i = 0; i < size; i++) {
            if (!elements.add(codec.read(in))) {
                throw new MalformedMessageException("an element appears twice in a set");
            }
        }
        return new GSet<>(elements);
    }

    public static <E extends Comparable<E>> void writeTwoPSet(WireWriter out, TwoPSet<E> set, ElementCodec<E> codec) {
        writeGSet(out, set.added(), codec);
        writeGSet(out, set.removed(), codec);
    }

    public static <E extends Comparable<E>> TwoPSet<E> readTwoPSet(WireReader in, ElementCodec<E> codec)
            throws MalformedMessageException {
        return new TwoPSet<>(readGSet(in, codec), readGSet(in, codec));
    }

    public static <V> void writeLww(WireWriter out, LwwRegister<V> register, ElementCodec<V> codec) {
        out.writeLong(register.timestamp());
        out.writeString(register.replica());
        out.writeBoolean(register.value() != null);
        if (register.value() != null) {
            codec.write(out, register.value());
        }
    }

    public static <V> LwwRegister<V> readLww(WireReader in, ElementCodec<V> codec) throws MalformedMessageException {
        long timestamp = in.readLong();
        String replica = in.readString(MAX_REPLICA_BYTES);
        V value = in.readBoolean() ? codec.read(in) : null;
        return new LwwRegister<>(timestamp, replica, value);
    }

    public static <V> void writeMvRegister(WireWriter out, MvRegister<V> register, ElementCodec<V> codec) {
        writeDotStore(out, register.entries(), codec);
        writeContext(out, register.context());
    }

    public static <V> MvRegister<V> readMvRegister(WireReader in, ElementCodec<V> codec) throws MalformedMessageException {
        TreeMap<Dot, V> values = readDotStore(in, codec);
        CausalContext context = readContext(in);
        checkCovered(values, context);
        return new MvRegister<>(values, context);
    }

    public static <E extends Comparable<E>> void writeOrSet(WireWriter out, OrSet<E> set, ElementCodec<E> codec) {
        writeDotStore(out, set.dots(), codec);
        writeContext(out, set.context());
    }

    public static <E extends Comparable<E>> OrSet<E> readOrSet(WireReader in, ElementCodec<E> codec)
            throws MalformedMessageException {
        TreeMap<Dot, E> dots = readDotStore(in, codec);
        CausalContext context = readContext(in);
        checkCovered(dots, context);
        return new OrSet<>(dots, context);
    }

    /** An OR-Map whose keys hold {@link DotFun} stores (multi-value registers or add-wins sets). */
    public static <K extends Comparable<K>, V> void writeOrMap(WireWriter out, OrMap<K, DotFun<V>> map,
                                                              ElementCodec<K> keys, ElementCodec<V> values) {
        out.writeVarLong(map.entries().size());
        map.entries().forEach((key, store) -> {
            keys.write(out, key);
            writeDotStore(out, store.entries(), values);
        });
        writeContext(out, map.context());
    }

    public static <K extends Comparable<K>, V> OrMap<K, DotFun<V>> readOrMap(WireReader in, ElementCodec<K> keys,
                                                                          ElementCodec<V> values)
            throws MalformedMessageException {
        int size = in.readLength(MAX_ENTRIES, "map size");
        TreeMap<K, DotFun<V>> entries = new TreeMap<>();
        TreeMap<Dot, V> all = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            K key = keys.read(in);
            TreeMap<Dot, V> store = readDotStore(in, values);
            if (store.isEmpty() || entries.put(key, new DotFun<>(store)) != null) {
                throw new MalformedMessageException("map key " + key + " is repeated or holds nothing");
            }
            for (Dot dot : store.keySet()) {
                if (all.containsKey(dot)) {
                    throw new MalformedMessageException("dot " + dot + " is under two keys");
                }
                all.put(dot, null);
            }
        }
        CausalContext context = readContext(in);
        checkCovered(all, context);
        return new OrMap<>(entries, context, DotFun.empty());
    }

    private static <V> void writeDotStore(WireWriter out, Map<Dot, V> store, ElementCodec<V> codec) {
        out.writeVarLong(store.size());
        store.forEach((dot, value) -> {
            writeDot(out, dot);
            codec.write(out, value);
        });
    }

    private static <V> TreeMap<Dot, V> readDotStore(WireReader in, ElementCodec<V> codec) throws MalformedMessageException {
        int size = in.readLength(MAX_ENTRIES, "dot store size");
        TreeMap<Dot, V> store = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            Dot dot = readDot(in);
            if (store.put(dot, codec.read(in)) != null) {
                throw new MalformedMessageException("dot " + dot + " tags two values");
            }
        }
        return store;
    }

    /** A causal store's dots must all be in its context: a dot it holds is a dot it has seen. */
    private static void checkCovered(Map<Dot, ?> store, CausalContext context) throws MalformedMessageException {
        for (Dot dot : store.keySet()) {
            if (!context.contains(dot)) {
                throw new MalformedMessageException("dot " + dot + " is held but not in the causal context");
            }
        }
    }
}
