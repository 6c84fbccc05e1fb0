package io.mycel.node.pubsub;

import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ConfigOption;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.Process;
import io.mycel.node.api.Program;
import io.mycel.node.api.ProgramConfig;
import java.util.List;

/**
 * The {@code mqtt} program: an MQTT 3.1.1 and 5 broker on each node, the brokers one cluster.
 * Real MQTT clients reach it through the runtime's MQTT listener ({@code mqtt:} in node.yaml);
 * scenario workloads are simulated MQTT clients ({@link MqttWorkload}).
 */
public final class MqttProgram implements Program {

    private static final MqttCodec CODEC = new MqttCodec();

    @Override
    public String name() {
        return "mqtt";
    }

    @Override
    public String description() {
        return "MQTT 3.1.1 and 5 broker (QoS 0/1/2, retained messages, wills, persistent sessions), one per node";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of(
                ConfigOption.integer("max-inflight", String.valueOf(BrokerLimits.DEFAULT.maxInflight()), 1,
                        "QoS 1 and 2 messages on their way to one client and not yet acknowledged"),
                ConfigOption.integer("max-queued", String.valueOf(BrokerLimits.DEFAULT.maxQueued()), 0,
                        "messages kept for one client behind those, or while it is away; more are dropped"),
                ConfigOption.duration("sync-interval", "1s", "1ms", "how often a broker tells its peers its subscribers' filters again"),
                ConfigOption.duration("resend-interval", "500ms", "1ms",
                        "how long a QoS 1 or 2 message forwarded to a peer waits for its acknowledgement before it goes again"),
                ConfigOption.integer("max-forward-queue", "10000", 1,
                        "QoS 1 and 2 messages kept for one peer that has not acknowledged them; more are dropped"),
                ConfigOption.choice("bug", "none", List.of("none", "forward-once", "no-dedup"),
                        "plants a bug: forward-once sends a QoS 1 or 2 message to a peer broker once and never again; "
                                + "no-dedup delivers every copy of a forwarded message, duplicates included"));
    }

    @Override
    public String problemWith(ProgramConfig config) {
        return config.integer("max-inflight") > 0xFFFF ? "max-inflight of at most 65535 (MQTT's packet ids)" : null;
    }

    @Override
    public MessageCodec codec() {
        return CODEC;
    }

    @Override
    public Process newProcess(ProgramConfig config) {
        return new MqttBroker(new BrokerLimits((int) config.integer("max-inflight"),
                (int) Math.min(Integer.MAX_VALUE, config.integer("max-queued")), config.durationMicros("sync-interval"),
                config.durationMicros("resend-interval"), (int) Math.min(Integer.MAX_VALUE, config.integer("max-forward-queue"))),
                config.string("bug").equals("none") ? null : config.string("bug"));
    }

    /** Simulated MQTT clients: each subscribes to {@code mesh/#} and publishes to {@code mesh/0} .. {@code mesh/3}. */
    @Override
    public ClientAdapter client() {
        return WORKLOAD;
    }

    private static final MqttWorkload WORKLOAD = new MqttWorkload(4, "mesh/#");

    @Override
    public boolean streamClients() {
        return true;
    }
}
