package io.mycel.node.supervisor;

import io.mycel.node.api.ConfigOption;
import io.mycel.node.api.ProgramConfig;
import io.mycel.node.membership.SwimConfig;
import io.mycel.node.tasks.RestartPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code tasks} program's settings.
 *
 * @param tasks task specs the cluster runs, {@code t1..tN}
 * @param vnodes tokens per node on the rings
 * @param replicas nodes that keep each task's checkpoints (N)
 * @param quorum replicas that must answer a save for it to count, and a restore to start (W; 2W > N)
 * @param tickMicros how often every task is given a unit of work; 0 for never (idle tasks)
 * @param crashRate the chance that a task crashes on a message, to exercise restarts
 */
public record TasksConfig(int tasks, int vnodes, int replicas, int quorum, long checkpointMicros, long tickMicros,
                          long fetchTimeoutMicros, long releaseTimeoutMicros, double crashRate, RestartPolicy policy,
                          SwimConfig swim, TasksBug bug) {

    public TasksConfig {
        if (tasks < 1 || vnodes < 1 || replicas < 1 || quorum < 1 || quorum > replicas || 2 * quorum <= replicas) {
            throw new IllegalArgumentException("tasks, vnodes, replicas >= 1 and a quorum that is a majority of the replicas");
        }
    }

    static List<ConfigOption> options() {
        List<ConfigOption> options = new ArrayList<>(List.of(
                ConfigOption.integer("tasks", "100", 1, "task specs the cluster runs, t1..tN"),
                ConfigOption.integer("vnodes", "64", 1, "tokens per node on the ring"),
                ConfigOption.integer("replicas", "3", 1, "nodes that keep each task's checkpoints"),
                ConfigOption.integer("quorum", "2", 1, "replicas a checkpoint must reach to count, and a restore must hear from"),
                ConfigOption.duration("checkpoint-interval", "1s", "1ms", "how often a running task's state is saved to its replicas"),
                ConfigOption.duration("tick-interval", "100ms", "0s", "how often each task gets a unit of work; 0s: never"),
                ConfigOption.duration("fetch-timeout", "300ms", "1ms", "wait for replicas' checkpoints before a restore gives up and tries again"),
                ConfigOption.duration("release-timeout", "500ms", "1ms", "wait for the node running a task to hand it over"),
                new ConfigOption("crash-rate", ConfigOption.Kind.NUMBER, "0", List.of(), null,
                        "chance that a task crashes on a message (restarts from its last checkpoint)"),
                ConfigOption.integer("max-restarts", "5", 0, "restarts of one task allowed within restart-window"),
                ConfigOption.duration("restart-window", "5s", "1ms", "the window of max-restarts"),
                ConfigOption.integer("mailbox", "64", 1, "messages a task's mailbox holds"),
                ConfigOption.duration("probe-interval", "500ms", "1ms", "SWIM protocol period"),
                ConfigOption.duration("probe-timeout", "150ms", "1ms", "SWIM: wait for a direct ack before indirect probes"),
                ConfigOption.integer("suspicion-periods", "4", 1, "SWIM: periods a suspect has to refute"),
                ConfigOption.choice("bug", "none", Arrays.stream(TasksBug.values()).map(TasksBug::label).toList(),
                        "plants a bug the checks must catch")));
        return options;
    }

    static String problemWith(ProgramConfig c) {
        long replicas = c.integer("replicas");
        long quorum = c.integer("quorum");
        if (quorum > replicas || 2 * quorum <= replicas) {
            return "a quorum that is a majority of the replicas (so a restore meets every counted save), got quorum "
                    + quorum + " of " + replicas + " replicas";
        }
        if (c.number("crash-rate") < 0 || c.number("crash-rate") >= 1) {
            return "crash-rate in [0, 1), got " + c.string("crash-rate");
        }
        if (c.durationMicros("probe-timeout") >= c.durationMicros("probe-interval")) {
            return "probe-timeout shorter than probe-interval";
        }
        return null;
    }

    static TasksConfig of(ProgramConfig c) {
        return new TasksConfig((int) c.integer("tasks"), (int) c.integer("vnodes"), (int) c.integer("replicas"),
                (int) c.integer("quorum"), c.durationMicros("checkpoint-interval"), c.durationMicros("tick-interval"),
                c.durationMicros("fetch-timeout"), c.durationMicros("release-timeout"), c.number("crash-rate"),
                new RestartPolicy((int) c.integer("max-restarts"), c.durationMicros("restart-window"), (int) c.integer("mailbox"), 256),
                new SwimConfig(c.durationMicros("probe-interval"), c.durationMicros("probe-timeout"), 3,
                        (int) c.integer("suspicion-periods"), 8, 3),
                TasksBug.of(c.string("bug")));
    }
}
