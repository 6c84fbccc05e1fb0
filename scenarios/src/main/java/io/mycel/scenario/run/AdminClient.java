package io.mycel.scenario.run;

import io.mycel.faults.SimulationFaults;
import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ClientCall;
import io.mycel.node.api.ClientReply;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The lab's operator: carries out the administrative faults of a scenario (such as
 * {@code remove-voter: n5}) as a client of the cluster. Requests go one at a time, to the nodes in
 * turn, and are sent again every {@value #RETRY_MICROS} us to the next node until one answers, since
 * the node asked may be down, cut off or not the leader. Each outcome is a note in the trace
 * ({@code admin-done}, or {@code admin-gave-up} after {@value #MAX_ATTEMPTS} attempts).
 *
 * <p>Faults hand requests over through {@link #request}, outside any event of this process; the
 * process picks them up at its next poll, every {@value #POLL_MICROS} us of virtual time.
 */
public final class AdminClient implements Process, SimulationFaults.AdminChannel {

    static final long POLL_MICROS = 10_000;
    static final long RETRY_MICROS = 300_000;
    static final int MAX_ATTEMPTS = 40;

    private record Action(String action, NodeId node) {
    }

    private final ClientAdapter adapter;
    private final List<NodeId> nodes;
    private final ArrayDeque<Action> queue = new ArrayDeque<>();
    private Action open;
    private long openRequest;
    private long nextRequestId;
    private int attempts;
    private int nextNode;
    private TimerId retryTimer;

    public AdminClient(ClientAdapter adapter, List<NodeId> nodes) {
        this.adapter = adapter;
        this.nodes = List.copyOf(nodes);
    }

    @Override
    public void request(String action, NodeId node) {
        queue.addLast(new Action(action, node));
    }

    @Override
    public void onStart(NodeContext ctx) {
        ctx.setTimer("poll", POLL_MICROS);
    }

    @Override
    public void onMessage(NodeContext ctx, NodeId from, Message message) {
        ClientReply reply = adapter.reply(message);
        if (open == null || reply == null || reply.requestId() != openRequest) {
            return;
        }
        ctx.emit("admin-done", open.action() + " " + open.node() + (reply.applied() ? ": done" : ": refused")
                + " after " + attempts + " attempt(s), answered by " + from);
        ctx.cancelTimer(retryTimer);
        open = null;
    }

    @Override
    public void onTimer(NodeContext ctx, TimerId timer) {
        switch (timer.name()) {
            case "poll" -> {
                if (open == null && !queue.isEmpty()) {
                    open = queue.pollFirst();
                    attempts = 0;
                    openRequest = ++nextRequestId;
                    send(ctx);
                }
                ctx.setTimer("poll", POLL_MICROS);
            }
            case "retry" -> {
                if (open != null) {
                    if (attempts >= MAX_ATTEMPTS) {
                        ctx.emit("admin-gave-up", open.action() + " " + open.node() + " after " + attempts + " attempts");
                        open = null;
                    } else {
                        send(ctx);
                    }
                }
            }
            default -> throw new IllegalStateException("unknown admin timer " + timer);
        }
    }

    /** Sends the open request (same request id every time, so a node applies it once) to the next node. */
    private void send(NodeContext ctx) {
        attempts++;
        ClientCall call = adapter.admin(open.action(), open.node().name(), openRequest);
        NodeId to = nodes.get(nextNode++ % nodes.size());
        ctx.send(to, call.request());
        retryTimer = ctx.setTimer("retry", RETRY_MICROS);
    }
}
