package io.mycel.check.lin;

import io.mycel.check.History;
import io.mycel.check.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small random histories for property tests: a few processes invoke operations of a model with
 * values from a tiny domain and random outcomes and results, so that both verdicts are common.
 */
final class RandomHistories {

    private RandomHistories() {
    }

    /** One operation to invoke: its function, key (or null), argument, and possible results. */
    private record Call(String f, Object key, Object argument, Object result) {
    }

    static History draw(String model, long seed, int operations) {
        SplittableRandom random = new SplittableRandom(seed);
        int processes = 2 + random.nextInt(3);
        List<Op> ops = new ArrayList<>();
        Call[] open = new Call[processes];
        long[] processIds = new long[processes];
        for (int p = 0; p < processes; p++) {
            processIds[p] = p;
        }
        long nextProcess = processes;
        int invoked = 0;
        while (true) {
            boolean anyOpen = false;
            for (Call c : open) {
                anyOpen |= c != null;
            }
            if (invoked >= operations && !anyOpen) {
                break;
            }
            int p = random.nextInt(processes);
            if (open[p] == null) {
                if (invoked >= operations) {
                    continue;
                }
                open[p] = call(model, random);
                invoked++;
                ops.add(new Op(ops.size(), processIds[p], Op.Type.INVOKE, open[p].f(), open[p].key(),
                        open[p].argument(), ops.size(), null, false));
            } else {
                Call c = open[p];
                int roll = random.nextInt(20);
                Op.Type type = roll < 14 ? Op.Type.OK : roll < 17 ? Op.Type.INFO : Op.Type.FAIL;
                // Some histories end with operations still open: those are unknown too.
                if (roll == 19 && invoked >= operations) {
                    open[p] = null;
                    processIds[p] = nextProcess++;
                    continue;
                }
                Object value = type == Op.Type.OK && c.result() != NONE ? c.result() : c.argument();
                ops.add(new Op(ops.size(), processIds[p], type, c.f(), c.key(), value, ops.size(), null, false));
                if (type == Op.Type.INFO) {
                    processIds[p] = nextProcess++;
                }
                open[p] = null;
            }
        }
        return new History(ops);
    }

    private static final Object NONE = new Object();

    private static Call call(String model, SplittableRandom random) {
        Long v = (long) random.nextInt(3);
        switch (model) {
            case "register":
                return random.nextBoolean() ? new Call("read", null, null, pick(random, null, 0L, 1L, 2L))
                        : new Call("write", null, v, NONE);
            case "cas-register":
                return switch (random.nextInt(3)) {
                    case 0 -> new Call("read", null, null, pick(random, null, 0L, 1L, 2L));
                    case 1 -> new Call("write", null, v, NONE);
                    default -> new Call("cas", null, List.of((long) random.nextInt(3), v), NONE);
                };
            case "kv": {
                String key = random.nextBoolean() ? "a" : "b";
                return switch (random.nextInt(3)) {
                    case 0 -> new Call("get", key, null, pick(random, "", "0", "1", "01", "10", 0L, 1L));
                    case 1 -> new Call("append", key, String.valueOf(random.nextInt(2)), NONE);
                    default -> switch (random.nextInt(4)) {
                        // Some puts write a number, which later appends turn into a string.
                        case 0 -> new Call("put", key, random.nextBoolean() ? (Object) (long) random.nextInt(2)
                                : String.valueOf(random.nextInt(2)), NONE);
                        case 1 -> new Call("delete", key, null, NONE);
                        default -> new Call("cas", key, List.of(String.valueOf(random.nextInt(2)), "1"), NONE);
                    };
                };
            }
            case "set":
                return random.nextBoolean() ? new Call("add", null, v, NONE)
                        : new Call("read", null, null, pick(random, List.of(), List.of(0L), List.of(1L), List.of(0L, 1L),
                        List.of(1L, 2L), List.of(0L, 1L, 2L)));
            case "queue":
                return random.nextBoolean() ? new Call("enqueue", null, v, NONE)
                        : new Call("dequeue", null, null, pick(random, null, 0L, 1L, 2L));
            case "registry": {
                String name = random.nextBoolean() ? "a" : "b";
                String node = random.nextBoolean() ? "n1" : "n2";
                return switch (random.nextInt(7)) {
                    case 0, 1 -> new Call("register", null, Arrays.asList(name, node), NONE);
                    case 2 -> new Call("unregister", null, Arrays.asList(name, node), NONE);
                    case 3 -> new Call("purge", null, node + "#" + (1 + random.nextInt(3)), NONE);
                    // Owners with and without the task's incarnation: the model compares nodes.
                    default -> new Call("whereis", null, Arrays.asList(name, null),
                            Arrays.asList(name, pick(random, null, "n1", "n2#1.4")));
                };
            }
            case "mutex":
                return random.nextBoolean() ? new Call("acquire", null, null, pick(random, null, 1L, 2L, 3L))
                        : new Call("release", null, null, NONE);
            default:
                throw new IllegalArgumentException(model);
        }
    }

    private static Object pick(SplittableRandom random, Object... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
