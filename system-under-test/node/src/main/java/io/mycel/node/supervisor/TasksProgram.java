package io.mycel.node.supervisor;

import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ConfigOption;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.Process;
import io.mycel.node.api.Program;
import io.mycel.node.api.ProgramConfig;
import java.util.List;

/**
 * The {@code tasks} program: lightweight tasks placed by a consistent-hash ring over SWIM's live
 * members, checkpointed on a quorum of replicas, handed over when their owner changes and
 * restarted elsewhere when it fails.
 */
public final class TasksProgram implements Program {

    private static final TasksCodec CODEC = new TasksCodec();
    private static final TasksClient CLIENT = new TasksClient();

    @Override
    public String name() {
        return "tasks";
    }

    @Override
    public String description() {
        return "a distributed supervisor: tasks on a hash ring with virtual nodes, quorum checkpoints, handoff and failover";
    }

    @Override
    public List<ConfigOption> options() {
        return TasksConfig.options();
    }

    @Override
    public String problemWith(ProgramConfig config) {
        return TasksConfig.problemWith(config);
    }

    @Override
    public MessageCodec codec() {
        return CODEC;
    }

    @Override
    public Process newProcess(ProgramConfig config) {
        TasksConfig settings = TasksConfig.of(config);
        return new TasksProcess(settings, new TaskSpecs(settings.tasks()));
    }

    @Override
    public ClientAdapter client() {
        return CLIENT;
    }
}
