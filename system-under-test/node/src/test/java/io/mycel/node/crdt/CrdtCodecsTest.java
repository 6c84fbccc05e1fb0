package io.mycel.node.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.mycel.check.crdt.CrdtSpec;
import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every state survives its binary form, and no byte string makes a decoder do anything but reject it. */
class CrdtCodecsTest {

    /** A codec for one type, as a pair of functions. */
    private interface Codec {
        void write(WireWriter out, Object state);

        Object read(WireReader in) throws MalformedMessageException;
    }

    @SuppressWarnings("unchecked")
    private static final Map<String, Codec> CODECS = Map.of(
            "or-map", codec((o, s) -> CrdtCodecs.writeOrMap(o, (OrMap<String, DotFun<Integer>>) s, ElementCodec.STRING,
                    ElementCodec.INT), in -> CrdtCodecs.readOrMap(in, ElementCodec.STRING, ElementCodec.INT)),
            "or-map-of-counters", codec((o, s) -> CrdtCodecs.writeOrMap(o, (OrMap<String, DotFun<Long>>) s, ElementCodec.STRING,
                    ElementCodec.LONG), in -> CrdtCodecs.readOrMap(in, ElementCodec.STRING, ElementCodec.LONG)),
            "g-counter", codec((o, s) -> CrdtCodecs.writeGCounter(o, (GCounter) s), CrdtCodecs::readGCounter),
            "pn-counter", codec((o, s) -> CrdtCodecs.writePNCounter(o, (PNCounter) s), CrdtCodecs::readPNCounter),
            "g-set", codec((o, s) -> CrdtCodecs.writeGSet(o, (GSet<Integer>) s, ElementCodec.INT),
                    in -> CrdtCodecs.readGSet(in, ElementCodec.INT)),
            "2p-set", codec((o, s) -> CrdtCodecs.writeTwoPSet(o, (TwoPSet<Integer>) s, ElementCodec.INT),
                    in -> CrdtCodecs.readTwoPSet(in, ElementCodec.INT)),
            "lww-register", codec((o, s) -> CrdtCodecs.writeLww(o, (LwwRegister<Integer>) s, ElementCodec.INT),
                    in -> CrdtCodecs.readLww(in, ElementCodec.INT)),
            "mv-register", codec((o, s) -> CrdtCodecs.writeMvRegister(o, (MvRegister<Integer>) s, ElementCodec.INT),
                    in -> CrdtCodecs.readMvRegister(in, ElementCodec.INT)),
            "or-set", codec((o, s) -> CrdtCodecs.writeOrSet(o, (OrSet<Integer>) s, ElementCodec.INT),
                    in -> CrdtCodecs.readOrSet(in, ElementCodec.INT)));

    private interface Reader {
        Object read(WireReader in) throws MalformedMessageException;
    }

    private static Codec codec(java.util.function.BiConsumer<WireWriter, Object> write, Reader read) {
        return new Codec() {
            @Override
            public void write(WireWriter out, Object state) {
                write.accept(out, state);
            }

            @Override
            public Object read(WireReader in) throws MalformedMessageException {
                return read.read(in);
            }
        };
    }

    /** States a type passes through in a seeded run of updates and merges among three replicas. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Object> states(CrdtSpec spec, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Object> replicas = new ArrayList<>(List.of(spec.empty(), spec.empty(), spec.empty()));
        List<Object> seen = new ArrayList<>(replicas);
        for (int step = 0; step < 25; step++) {
            int r = random.nextInt(3);
            Object next = random.nextInt(3) == 0 ? spec.merge(replicas.get(r), replicas.get(random.nextInt(3)))
                    : spec.update(replicas.get(r), r, spec.randomUpdate(random));
            replicas.set(r, next);
            seen.add(next);
        }
        return seen;
    }

    @Test
    void everyStateRoundTrips() throws MalformedMessageException {
        for (CrdtSpec<?, ?> spec : CrdtSpecs.all()) {
            Codec codec = CODECS.get(spec.name());
            for (long seed = 0; seed < 100; seed++) {
                for (Object state : states(spec, seed)) {
                    WireWriter out = new WireWriter(64);
                    codec.write(out, state);
                    WireReader in = new WireReader(out.toByteArray());
                    assertEquals(state, codec.read(in), spec.name() + " seed " + seed);
                    assertEquals(0, in.remaining(), spec.name() + ": the whole form is read");
                }
            }
        }
    }

    @Test
    void damagedBytesAreRejectedNeverCrash() {
        SplittableRandom random = new SplittableRandom(7);
        for (CrdtSpec<?, ?> spec : CrdtSpecs.all()) {
            Codec codec = CODECS.get(spec.name());
            for (Object state : states(spec, 3)) {
                WireWriter out = new WireWriter(64);
                codec.write(out, state);
                byte[] bytes = out.toByteArray();
                for (int trial = 0; trial < 50; trial++) {
                    byte[] damaged = bytes.clone();
                    if (damaged.length > 0) {
                        damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
                    }
                    byte[] cut = java.util.Arrays.copyOf(damaged, random.nextInt(damaged.length + 1));
                    try {
                        codec.read(new WireReader(cut));
                    } catch (MalformedMessageException expected) {
                        // Rejected, as it should be.
                    } catch (RuntimeException e) {
                        fail(spec.name() + ": a damaged form threw " + e);
                    }
                }
            }
        }
    }

    @Test
    void aDotOutsideItsContextIsRejected() {
        WireWriter out = new WireWriter(64);
        TreeMap<Dot, Integer> store = new TreeMap<>();
        store.put(new Dot("a", 3), 1);
        CrdtCodecs.writeOrSet(out, new OrSet<>(store, CausalContext.of(new TreeMap<>(), new TreeSet<>())), ElementCodec.INT);
        assertThrows(MalformedMessageException.class,
                () -> CrdtCodecs.readOrSet(new WireReader(out.toByteArray()), ElementCodec.INT));
    }
}
