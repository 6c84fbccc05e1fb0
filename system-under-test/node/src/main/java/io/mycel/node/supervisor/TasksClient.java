package io.mycel.node.supervisor;

import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ClientCall;
import io.mycel.node.api.ClientReply;
import io.mycel.node.api.Message;
import io.mycel.node.api.RandomSource;
import java.util.List;

/**
 * Client side of the {@code tasks} program: {@code whereis} asks a node where a task drawn from the
 * first {@value #NAMES} specs runs; the history records the task, then the node named (empty when the
 * node knows of none).
 */
final class TasksClient implements ClientAdapter {

    static final int NAMES = 16;

    @Override
    public List<String> operations() {
        return List.of("whereis");
    }

    @Override
    public String readOperation() {
        return "whereis";
    }

    @Override
    public ClientCall call(String operation, long requestId, RandomSource random) {
        if (!operation.equals("whereis")) {
            throw new IllegalArgumentException("the tasks program has no operation " + operation);
        }
        String task = TaskSpecs.name((int) random.nextLong(1, NAMES));
        return new ClientCall(new SupervisorMessages.Whereis(requestId, task), task);
    }

    @Override
    public ClientReply reply(Message message) {
        if (message instanceof SupervisorMessages.WhereisOk ok) {
            return new ClientReply(ok.requestId(), true, List.of(ok.task(), ok.node()));
        }
        return null;
    }
}
