package io.mycel.check.gen;

import io.mycel.check.History;
import io.mycel.check.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Seeded histories of a register or a key-value store that are linearizable by construction: each
 * operation takes effect at one moment between its invocation and its completion, drawn from the
 * seed, the way a correct system would behave. Clients run in simulated time, each invoking its
 * next operation shortly after the last one completed. Clients crash now and then (the operation completes
 * as {@code info}, having taken effect or not, and the client comes back as a new process, as in
 * Jepsen). A history can carry one planted anomaly, a stale read, that makes it not linearizable
 * for certain. For tests of the checkers and for benchmarks at any length.
 */
public final class HistoryGenerator {

    /** What the histories are of. */
    public enum Kind {
        /** read, write, cas on one register starting at nil; a cas whose compare fails completes as fail */
        CAS_REGISTER,
        /** get, put, append on a few string keys, absent reading as "" */
        KV
    }

    /**
     * @param clients how many clients run at once
     * @param operations how many operations they invoke in all
     * @param keys for KV, how many keys
     * @param crashRate chance that an operation ends in a crash (info)
     * @param staleRead plant one stale read halfway (the history is then not linearizable)
     */
    public record Shape(Kind kind, int clients, int operations, int keys, double crashRate, boolean staleRead) {
        public Shape {
            Objects.requireNonNull(kind);
            if (clients < 1 || operations < 1 || keys < 1 || crashRate < 0 || crashRate >= 1) {
                throw new IllegalArgumentException("bad shape: " + clients + " clients, " + operations
                        + " operations, " + keys + " keys, crash rate " + crashRate);
            }
        }

        /** Like Porcupine's etcd histories: 5 clients, about 80 operations, a fifth of them crashing. */
        public static Shape etcdLike(int scale) {
            return new Shape(Kind.CAS_REGISTER, 5, 80 * scale, 1, 0.2, false);
        }

        /** Like Porcupine's c50 key-value histories: 50 clients, 10 keys, about 1,700 operations. */
        public static Shape c50Like(int scale) {
            return new Shape(Kind.KV, 50, 1_700 * scale, 10, 0.0, false);
        }

        public Shape withStaleRead() {
            return new Shape(kind, clients, operations, keys, crashRate, true);
        }
    }

    private static final class Client {
        long process;
        Op invoke;
        boolean applied;
        boolean crashes;
        Object result;
        Object keyOf;
    }

    // Time from a request to its effect, from the effect to the response, and between requests, in
    // units of a typical response time. Effects follow requests closely, as in a system that
    // serves requests in the order they arrive, while responses take long: many operations overlap
    // (about as many as in Porcupine's c50 histories) but effects are rarely far out of order.
    private static final double TO_EFFECT = 0.1;
    private static final double TO_RESPONSE = 1.0;
    private static final double THINK = 0.1;

    private final Shape shape;
    private final SplittableRandom random;
    private final List<Op> ops = new ArrayList<>();
    private final Object[] values;
    private long nextProcess;
    private int invoked;
    private int appendCounter;

    private HistoryGenerator(Shape shape, long seed) {
        this.shape = shape;
        this.random = new SplittableRandom(seed);
        this.values = new Object[shape.keys()];
    }

    public static History generate(Shape shape, long seed) {
        return new HistoryGenerator(shape, seed).run();
    }

    /** A client's next step, at a time; ties go to the earlier scheduled. */
    private record Event(double time, long seq, Client client) {
    }

    private History run() {
        java.util.PriorityQueue<Event> events = new java.util.PriorityQueue<>(
                java.util.Comparator.comparingDouble(Event::time).thenComparingLong(Event::seq));
        Client[] clients = new Client[shape.clients()];
        long seq = 0;
        for (int i = 0; i < clients.length; i++) {
            clients[i] = new Client();
            clients[i].process = nextProcess++;
            events.add(new Event(random.nextDouble() * THINK, seq++, clients[i]));
        }
        boolean planted = !shape.staleRead();
        double now = 0;
        while (!events.isEmpty()) {
            Event event = events.poll();
            now = event.time();
            Client c = event.client();
            double next;
            if (c.invoke == null) {
                if (invoked >= shape.operations()) {
                    continue;
                }
                if (!planted && invoked >= shape.operations() / 2) {
                    // Let every other client finish, then plant the stale read with the system quiet.
                    if (!allIdle(clients)) {
                        events.add(new Event(now + THINK, seq++, c));
                        continue;
                    }
                    plantStaleRead(c);
                    planted = true;
                }
                invoke(c);
                next = now + random.nextDouble() * TO_EFFECT;
            } else if (!c.applied && !(c.crashes && random.nextBoolean())) {
                apply(c);
                next = now + random.nextDouble() * TO_RESPONSE;
            } else {
                complete(c);
                next = now + random.nextDouble() * THINK;
            }
            events.add(new Event(next, seq++, c));
        }
        return new History(ops);
    }

    private static boolean allIdle(Client[] clients) {
        for (Client c : clients) {
            if (c.invoke != null) {
                return false;
            }
        }
        return true;
    }

    private void invoke(Client c) {
        invoked++;
        int key = random.nextInt(shape.keys());
        String f;
        Object value;
        if (shape.kind() == Kind.CAS_REGISTER) {
            int pick = random.nextInt(10);
            f = pick < 4 ? "read" : pick < 7 ? "write" : "cas";
            value = f.equals("read") ? null : f.equals("write") ? (Object) (long) random.nextInt(5)
                    : List.of((long) random.nextInt(5), (long) random.nextInt(5));
        } else {
            int pick = random.nextInt(10);
            f = pick < 4 ? "get" : pick < 9 ? "append" : "put";
            value = f.equals("get") ? null : "x " + c.process + " " + appendCounter++ + " y";
        }
        c.keyOf = shape.kind() == Kind.KV ? String.valueOf(key) : null;
        c.invoke = add(c.process, Op.Type.INVOKE, f, c.keyOf, value);
        c.applied = false;
        c.crashes = random.nextDouble() < shape.crashRate();
        c.result = null;
    }

    /** The moment the operation takes effect. */
    private void apply(Client c) {
        c.applied = true;
        int key = c.keyOf == null ? 0 : Integer.parseInt((String) c.keyOf);
        Object current = values[key];
        Object argument = c.invoke.value();
        switch (c.invoke.f()) {
            case "read" -> c.result = current;
            case "get" -> c.result = current == null ? "" : current;
            case "write", "put" -> values[key] = argument;
            case "append" -> values[key] = current == null ? argument : current + (String) argument;
            case "cas" -> {
                List<?> pair = (List<?>) argument;
                boolean matches = Objects.equals(current, pair.get(0));
                if (matches) {
                    values[key] = pair.get(1);
                }
                c.result = matches;
            }
            default -> throw new IllegalStateException(c.invoke.f());
        }
    }

    private void complete(Client c) {
        String f = c.invoke.f();
        if (c.crashes) {
            add(c.process, Op.Type.INFO, f, c.keyOf, c.invoke.value());
            c.process = nextProcess++;
        } else if (f.equals("cas")) {
            add(c.process, Boolean.TRUE.equals(c.result) ? Op.Type.OK : Op.Type.FAIL, f, null, c.invoke.value());
        } else if (f.equals("read") || f.equals("get")) {
            add(c.process, Op.Type.OK, f, c.keyOf, c.result);
        } else {
            add(c.process, Op.Type.OK, f, c.keyOf, c.invoke.value());
        }
        c.invoke = null;
    }

    /**
     * With every client idle: one write, then another of a different value, then a read that
     * returns the first. The values are fresh, so no crashed operation can explain the read.
     */
    private void plantStaleRead(Client c) {
        boolean kv = shape.kind() == Kind.KV;
        String key = kv ? "0" : null;
        Object first = kv ? "stale " + appendCounter++ : (Object) (1_000_000L + appendCounter++);
        Object second = kv ? "fresh " + appendCounter++ : (Object) (1_000_000L + appendCounter++);
        String write = kv ? "put" : "write";
        for (Object value : List.of(first, second)) {
            add(c.process, Op.Type.INVOKE, write, key, value);
            add(c.process, Op.Type.OK, write, key, value);
        }
        String read = kv ? "get" : "read";
        add(c.process, Op.Type.INVOKE, read, key, null);
        add(c.process, Op.Type.OK, read, key, first);
        values[0] = second;
    }

    private Op add(long process, Op.Type type, String f, Object key, Object value) {
        Op op = new Op(ops.size(), process, type, f, key, value, ops.size(), null, false);
        ops.add(op);
        return op;
    }
}
