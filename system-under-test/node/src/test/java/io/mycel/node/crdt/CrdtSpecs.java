package io.mycel.node.crdt;

import io.mycel.check.crdt.CrdtSpec;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every CRDT type of the library as a {@link CrdtSpec} for the law checks: an update is a mutator's
 * delta merged into the state, as a replica applies its own writes.
 */
final class CrdtSpecs {

    private CrdtSpecs() {
    }

    /** A mutation: given the replica's name and its state, the delta it makes. */
    interface Mutation<S> {
        S delta(String replica, S state);
    }

    static <S extends Crdt<S>> CrdtSpec<S, Mutation<S>> spec(String name, Supplier<S> empty,
                                                           Function<SplittableRandom, Mutation<S>> draw) {
        return new CrdtSpec<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public S empty() {
                return empty.get();
            }

            @Override
            public S update(S state, int replica, Mutation<S> update) {
                return state.merge(update.delta("r" + replica, state));
            }

            @Override
            public S merge(S a, S b) {
                return a.merge(b);
            }

            @Override
            public Mutation<S> randomUpdate(SplittableRandom random) {
                return draw.apply(random);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** A mutation that prints as what it does, for shrunk counterexamples. */
    static <S> Mutation<S> named(String text, BiFunction<String, S, S> delta) {
        return new Mutation<>() {
            @Override
            public S delta(String replica, S state) {
                return delta.apply(replica, state);
            }

            @Override
            public String toString() {
                return text;
            }
        };
    }

    static List<CrdtSpec<?, ?>> all() {
        return List.of(
                spec("g-counter", () -> GCounter.EMPTY, r -> {
                    long n = 1 + r.nextInt(3);
                    return named("increment " + n, (replica, s) -> s.increment(replica, n));
                }),
                spec("pn-counter", () -> PNCounter.EMPTY, r -> {
                    long n = r.nextInt(7) - 3;
                    return named("add " + n, (replica, s) -> s.add(replica, n));
                }),
                spec("g-set", GSet::<Integer>empty, r -> {
                    int e = r.nextInt(5);
                    return named("add " + e, (replica, s) -> s.add(e));
                }),
                spec("2p-set", TwoPSet::<Integer>empty, r -> {
                    int e = r.nextInt(5);
                    return r.nextBoolean() ? named("add " + e, (replica, s) -> s.add(e))
                            : named("remove " + e, (replica, s) -> s.remove(e));
                }),
                spec("lww-register", LwwRegister::<Integer>empty, r -> {
                    long t = r.nextInt(6);
                    int v = r.nextInt(10);
                    return named("write " + v + " at " + t, (replica, s) -> s.write(t, replica, v));
                }),
                spec("mv-register", MvRegister::<Integer>empty, r -> {
                    int v = r.nextInt(10);
                    return named("write " + v, (replica, s) -> s.write(replica, v));
                }),
                spec("or-set", OrSet::<Integer>empty, r -> {
                    int e = r.nextInt(4);
                    return r.nextInt(3) > 0 ? named("add " + e, (replica, s) -> s.add(replica, e))
                            : named("remove " + e, (replica, s) -> s.remove(e));
                }),
                spec("or-map", () -> OrMap.<String, DotFun<Integer>>empty(DotFun.empty()), r -> {
                    String key = "k" + r.nextInt(3);
                    int v = r.nextInt(4);
                    return switch (r.nextInt(4)) {
                        case 0 -> named(key + " write " + v, (replica, s) -> s.update(replica, key, DotFun.write(v)));
                        case 1 -> named(key + " add " + v, (replica, s) -> s.update(replica, key, DotFun.add(v)));
                        case 2 -> named(key + " remove element " + v,
                                (replica, s) -> s.update(replica, key, DotFun.removeElement(v)));
                        default -> named("remove " + key, (replica, s) -> s.remove(key));
                    };
                }),
                spec("or-map-of-counters", () -> OrMap.<String, DotFun<Long>>empty(DotFun.empty()), r -> {
                    String key = "k" + r.nextInt(3);
                    long v = 1 + r.nextInt(5);
                    return r.nextInt(4) > 0 ? named(key + " increment " + v, (replica, s) -> s.update(replica, key, DotFun.increment(v)))
                            : named("remove " + key, (replica, s) -> s.remove(key));
                }));
    }
}
