package io.mycel.scenario.run;

import io.mycel.check.Op;
import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ClientCall;
import io.mycel.node.api.ClientReply;
import io.mycel.node.api.ClientSession;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.RandomSource;
import io.mycel.node.api.TimerId;
import java.util.List;

/**
 * A workload client, run by the simulator as a node of its own: one operation open at a time
 * (as a Jepsen process), sent to its one node, waiting at most {@code timeout}. A timed-out
 * operation is recorded as info and the client carries on under a new process number, since the
 * old operation may still take effect. Between operations it waits an exponential time, so all
 * clients together invoke at the scenario's rate (an open Poisson arrival per client).
 *
 * <p>Operations are numbered from 0 per client. Each draws its kind and arguments from a stream
 * forked for its number, and only the gaps come from the client's own stream, so a workload that
 * skips some operations (the scenario's {@code only}, as the shrinker writes it) leaves every other
 * operation as it was: that is what lets delta debugging remove operations one by one.
 *
 * <p>A final-read client reads at {@code finalReadAtMicros} and tries again on a timeout, up to
 * {@value #FINAL_READ_ATTEMPTS} attempts, since a request or its answer may be lost even on a healed
 * network; it stops at the first answer.
 */
final class ClientProcess implements Process {

    static final int FINAL_READ_ATTEMPTS = 5;
    /** Final readers of different nodes must never share a process number, whatever their retries. */
    static final long FINAL_READER_STRIDE = 1_000_000L;
    /**
     * What a client observes unasked (an MQTT delivery) is recorded under a process of its own, far
     * from workload and final-reader numbers, since it may come while an operation is open.
     */
    static final long OBSERVER_PROCESS_BASE = 2_000_000_000L;

    private final HistoryRecorder history;
    private final ClientSession session;
    private final NodeId node;
    private final List<String> operations;
    private final double[] cumulativeWeights;
    private final double meanGapMicros;
    private final long timeoutMicros;
    private final long stopAtMicros;
    private final long processStride;
    private final boolean finalReader;
    /** Client number from 1 (0 for a final reader). */
    private final int client;
    /** The operation numbers to perform, sorted; null for all. */
    private final int[] only;
    private int nextOperation;
    private int onlyCursor;

    private long process;
    private long nextRequestId;
    private long openRequest = -1;
    private Op openInvoke;
    private Object openValue;
    private TimerId openTimeout;
    private int attempts;

    private ClientProcess(HistoryRecorder history, ClientAdapter adapter, NodeId node, List<String> operations,
                          double[] cumulativeWeights, double meanGapMicros, long timeoutMicros, long stopAtMicros,
                          long firstProcess, long processStride, boolean finalReader, int client, List<Integer> only) {
        this.history = history;
        this.session = adapter.newSession(node);
        this.node = node;
        this.operations = operations;
        this.cumulativeWeights = cumulativeWeights;
        this.meanGapMicros = meanGapMicros;
        this.timeoutMicros = timeoutMicros;
        this.stopAtMicros = stopAtMicros;
        this.process = firstProcess;
        this.processStride = processStride;
        this.finalReader = finalReader;
        this.client = client;
        this.only = only == null ? null : only.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param client the client's number, from 1
     * @param only the operation numbers it performs, sorted; null for all
     */
    static ClientProcess workload(HistoryRecorder history, ClientAdapter adapter, NodeId node, List<String> operations,
                                  double[] cumulativeWeights, double meanGapMicros, long timeoutMicros, long stopAtMicros,
                                  int client, long processStride, List<Integer> only) {
        return new ClientProcess(history, adapter, node, operations, cumulativeWeights, meanGapMicros, timeoutMicros,
                stopAtMicros, client - 1, processStride, false, client, only);
    }

    static ClientProcess finalReader(HistoryRecorder history, ClientAdapter adapter, NodeId node, long readAtMicros,
                                     long timeoutMicros, long process) {
        return new ClientProcess(history, adapter, node, List.of(adapter.readOperation()), new double[] {1.0},
                0, timeoutMicros, readAtMicros, process, FINAL_READER_STRIDE, true, 0, null);
    }

    @Override
    public void onStart(NodeContext ctx) {
        for (Message m : session.opening(ctx.self())) {
            ctx.send(node, m);
        }
        if (finalReader) {
            ctx.setTimer("final-read", stopAtMicros - ctx.nowMicros());
        } else if (hasMoreOperations()) {
            ctx.setTimer("next", gap(ctx));
        }
    }

    @Override
    public void onMessage(NodeContext ctx, NodeId from, Message message) {
        ClientReply reply = session.reply(message);
        if (reply == null) {
            observe(ctx, session.unsolicited(message));
            return;
        }
        if (reply.requestId() != openRequest) {
            return;   // a late answer to an operation already recorded as info
        }
        ctx.cancelTimer(openTimeout);
        Object value = reply.value() != null ? reply.value() : openValue;
        history.complete(ctx.nowMicros(), openInvoke, reply.applied() ? Op.Type.OK : Op.Type.FAIL, value);
        openRequest = -1;
        if (!finalReader && hasMoreOperations()) {
            ctx.setTimer("next", gap(ctx));
        }
    }

    @Override
    public void onTimer(NodeContext ctx, TimerId timer) {
        switch (timer.name()) {
            case "next" -> {
                if (ctx.nowMicros() < stopAtMicros) {
                    nextOperation(ctx);
                }
            }
            case "final-read" -> invoke(ctx, operations.get(0), true, ctx.random());
            case "timeout" -> {
                session.abandon(openRequest);
                history.complete(ctx.nowMicros(), openInvoke, Op.Type.INFO, openValue);
                openRequest = -1;
                // The old operation may still take effect: a fresh process keeps histories well-formed.
                process += processStride;
                if (!finalReader) {
                    if (hasMoreOperations()) {
                        ctx.setTimer("next", gap(ctx));
                    }
                } else if (attempts < FINAL_READ_ATTEMPTS) {
                    invoke(ctx, operations.get(0), true, ctx.random());
                }
            }
            default -> throw new IllegalStateException("unknown client timer " + timer);
        }
    }

    /** Answers what the protocol owes and records what the client saw, as operations complete at once. */
    private void observe(NodeContext ctx, ClientSession.Unsolicited u) {
        for (Message answer : u.answers()) {
            ctx.send(node, answer);
        }
        for (ClientSession.Observed o : u.observed()) {
            Op invoke = history.invoke(ctx.nowMicros(), OBSERVER_PROCESS_BASE + client, o.f(), o.value(), node.name(), false);
            history.complete(ctx.nowMicros(), invoke, Op.Type.OK, o.value());
        }
    }

    /** Performs the next operation, or skips it when the workload leaves it out. */
    private void nextOperation(NodeContext ctx) {
        int number = nextOperation++;
        boolean performed = only == null || (onlyCursor < only.length && only[onlyCursor] == number);
        if (!performed) {
            ctx.setTimer("next", gap(ctx));
            return;
        }
        onlyCursor++;
        RandomSource draws = ctx.random().fork("op" + number);
        history.performed(client, number);
        invoke(ctx, chooseOperation(draws), false, draws);
    }

    /** False once a client with a selection of operations has performed its last. */
    private boolean hasMoreOperations() {
        return only == null || onlyCursor < only.length;
    }

    private void invoke(NodeContext ctx, String operation, boolean finalRead, RandomSource draws) {
        long requestId = ++nextRequestId;
        attempts++;
        ClientCall call = session.call(operation, requestId, draws);
        openRequest = requestId;
        openValue = call.value();
        openInvoke = history.invoke(ctx.nowMicros(), process, operation, call.value(), node.name(), finalRead);
        ctx.send(node, call.request());
        if (call.oneWay()) {
            // Nothing will answer: the operation is as complete as the client can know.
            history.complete(ctx.nowMicros(), openInvoke, Op.Type.OK, call.value());
            openRequest = -1;
            if (!finalRead && hasMoreOperations()) {
                ctx.setTimer("next", gap(ctx));
            }
            return;
        }
        openTimeout = ctx.setTimer("timeout", timeoutMicros);
    }

    private String chooseOperation(RandomSource draws) {
        double u = draws.nextDouble();
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (u < cumulativeWeights[i]) {
                return operations.get(i);
            }
        }
        return operations.get(operations.size() - 1);
    }

    private long gap(NodeContext ctx) {
        return 1 + (long) (-StrictMath.log(1.0 - ctx.random().nextDouble()) * meanGapMicros);
    }
}
