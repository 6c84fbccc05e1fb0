package io.mycel.mc.system;

import io.mycel.node.api.ClientCall;
import io.mycel.node.api.ClientReply;
import io.mycel.node.api.ClientSession;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import java.util.List;

/**
 * A client of an exploration, as a process: its next invocation is a timer, so the explorer decides
 * when it happens like any other step. Each operation draws its arguments from a stream forked for
 * its number, so they do not depend on when it runs.
 */
final class McClient implements Process {

    static final String INVOKE_TIMER = "invoke";

    private final int client;
    private final NodeId server;
    private final List<String> operations;
    private final ClientSession session;
    private final McHistory history;
    private int next;
    private long openRequest = -1;
    private String openOperation;
    private Object openValue;

    McClient(int client, NodeId server, List<String> operations, ClientSession session, McHistory history) {
        this.client = client;
        this.server = server;
        this.operations = operations;
        this.session = session;
        this.history = history;
    }

    @Override
    public void onStart(NodeContext ctx) {
        if (!operations.isEmpty()) {
            ctx.setTimer(INVOKE_TIMER, 0);
        }
    }

    @Override
    public void onMessage(NodeContext ctx, NodeId from, Message message) {
        ClientReply reply = session.reply(message);
        if (reply == null || reply.requestId() != openRequest) {
            return;
        }
        Object value = reply.value() != null ? reply.value() : openValue;
        history.add(new HistoryEvent(client, reply.applied() ? HistoryEvent.Type.OK : HistoryEvent.Type.FAIL,
                openOperation, value, server));
        openRequest = -1;
        next++;
        if (next < operations.size()) {
            ctx.setTimer(INVOKE_TIMER, 0);
        }
    }

    @Override
    public void onTimer(NodeContext ctx, TimerId timer) {
        String operation = operations.get(next);
        long requestId = next + 1;
        ClientCall call = session.call(operation, requestId, ctx.random().fork("op" + next));
        openRequest = requestId;
        openOperation = operation;
        openValue = call.value();
        history.add(new HistoryEvent(client, HistoryEvent.Type.INVOKE, operation, call.value(), server));
        ctx.send(server, call.request());
    }
}
