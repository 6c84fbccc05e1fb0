package io.mycel.node.kv;

import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ConfigOption;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NamedInvariant;
import io.mycel.node.api.Process;
import io.mycel.node.api.Program;
import io.mycel.node.api.ProgramConfig;
import io.mycel.node.raft.Configuration;
import io.mycel.node.raft.RaftBug;
import io.mycel.node.raft.RaftConfig;
import io.mycel.node.raft.RaftSafetyInvariant;
import java.util.List;

/** The {@code raft-kv} program: a linearizable key-value store replicated by Raft. */
public final class KvProgram implements Program {

    private static final KvCodec CODEC = new KvCodec();
    private static final KvClient CLIENT = new KvClient();

    @Override
    public String name() {
        return "raft-kv";
    }

    @Override
    public String description() {
        return "linearizable key-value store, locks with fencing tokens and metadata tables, on Raft"
                + " (pre-vote, snapshots, read-index reads, leadership transfer, membership change)";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of(
                ConfigOption.duration("election-timeout", "150ms", "2ms", "least time without a leader before a pre-vote"),
                ConfigOption.duration("election-timeout-max", "300ms", "2ms", "most time without a leader before a pre-vote"),
                ConfigOption.duration("heartbeat-interval", "50ms", "1ms", "a leader's heartbeat period, below the election timeout"),
                ConfigOption.integer("max-batch", "64", 1, "entries per AppendEntries"),
                ConfigOption.integer("max-inflight", "4", 1, "AppendEntries in flight to one follower"),
                ConfigOption.integer("snapshot-every", "1000", 1, "applied entries between two snapshots"),
                ConfigOption.duration("leader-max-tenure", "0s", "0s",
                        "a leader hands leadership to its most caught-up follower after leading this long; 0s: never"),
                ConfigOption.integer("initial-voters", "0", 0,
                        "how many of the nodes, in order, vote at first (0: all); the others follow as learners until added"),
                ConfigOption.duration("table-refresh", "200ms", "0s",
                        "how often a node learns how fresh its state is, for table reads with a stated staleness; 0s: never"),
                ConfigOption.duration("retry-interval", "100ms", "1ms", "how often an unanswered request is tried again"),
                ConfigOption.duration("request-timeout", "2s", "1ms", "how long a node keeps trying a request"),
                ConfigOption.choice("bug", "none", RaftBug.labels(), "plants a classic Raft bug the checks must catch"));
    }

    @Override
    public MessageCodec codec() {
        return CODEC;
    }

    @Override
    public Process newProcess(ProgramConfig config) {
        return new KvServer(raftConfig(config), config.durationMicros("retry-interval"), config.durationMicros("request-timeout"));
    }

    @Override
    public String problemWith(ProgramConfig config) {
        long min = config.durationMicros("election-timeout");
        long max = config.durationMicros("election-timeout-max");
        long heartbeat = config.durationMicros("heartbeat-interval");
        if (max < min) {
            return "election-timeout-max (" + config.string("election-timeout-max") + ") at least election-timeout ("
                    + config.string("election-timeout") + ")";
        }
        if (heartbeat >= min) {
            return "heartbeat-interval (" + config.string("heartbeat-interval") + ") below election-timeout ("
                    + config.string("election-timeout") + "), or followers start elections against a live leader";
        }
        return null;
    }

    static RaftConfig raftConfig(ProgramConfig config) {
        return new RaftConfig(config.durationMicros("election-timeout"), config.durationMicros("election-timeout-max"),
                config.durationMicros("heartbeat-interval"), (int) Math.min(4096, config.integer("max-batch")),
                (int) Math.min(1024, config.integer("max-inflight")),
                (int) Math.min(Integer.MAX_VALUE, config.integer("snapshot-every")),
                config.durationMicros("leader-max-tenure"), (int) Math.min(Configuration.MAX_VOTERS, config.integer("initial-voters")),
                config.durationMicros("table-refresh"), RaftBug.of(config.string("bug")));
    }

    @Override
    public ClientAdapter client() {
        return CLIENT;
    }

    @Override
    public String role(Process process) {
        return ((KvServer) process).raft().role().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public List<NamedInvariant> invariants() {
        return List.of(new NamedInvariant(RaftSafetyInvariant.NAME,
                "Raft's safety properties after every event: one leader per term, log matching, leader completeness, "
                        + "state-machine safety", RaftSafetyInvariant::new));
    }
}
