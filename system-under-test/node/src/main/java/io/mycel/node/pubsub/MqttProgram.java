package io.mycel.node.pubsub;

import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ConfigOption;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.Process;
import io.mycel.node.api.Program;
import io.mycel.node.api.ProgramConfig;
import io.mycel.node.pubsub.auth.AuthPlugins;
import io.mycel.node.pubsub.auth.ClientAcls;
import io.mycel.node.pubsub.auth.MqttAuthenticator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code mqtt} program: an MQTT 3.1.1 and 5 broker on each node, the brokers one cluster.
 * Real MQTT clients reach it through the runtime's MQTT listener ({@code mqtt:} in node.yaml);
 * scenario workloads are simulated MQTT clients ({@link MqttWorkload}).
 */
public final class MqttProgram implements Program {

    private static final MqttCodec CODEC = new MqttCodec();

    private Map<String, String> lastAuthConfig;
    private MqttAuthenticator lastAuth;

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
        List<ConfigOption> options = new ArrayList<>(List.of(
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
                                + "no-dedup delivers every copy of a forwarded message, duplicates included"),
                ConfigOption.choice("auth", "anonymous", AuthPlugins.names(),
                        "how clients prove who they are: an auth plugin (operators add their own through MqttAuthPlugin)"),
                ConfigOption.text(ClientAcls.OPTION, "", "topic rules per client in Mosquitto's acl_file format; empty: every topic allowed")));
        options.addAll(AuthPlugins.options());
        return options;
    }

    @Override
    public String problemWith(ProgramConfig config) {
        if (config.integer("max-inflight") > 0xFFFF) {
            return "max-inflight of at most 65535 (MQTT's packet ids)";
        }
        try {
            authenticator(config);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * The configured plugin's authenticator, made once for one set of options: a scenario's nodes
     * share theirs (an authenticator keeps no state of its own), and a plugin's files are read once.
     */
    private synchronized MqttAuthenticator authenticator(ProgramConfig config) {
        if (!config.values().equals(lastAuthConfig)) {
            lastAuth = AuthPlugins.named(config.string("auth")).create(config);
            lastAuthConfig = config.values();
        }
        return lastAuth;
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
                config.string("bug").equals("none") ? null : config.string("bug"), authenticator(config));
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
