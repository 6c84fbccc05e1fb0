package io.mycel.node.api;

import java.util.List;

/**
 * A deployable node program: what a scenario names under {@code nodes.program}. It bundles the
 * process factory, the codec of its messages, the options it accepts and the client side that a
 * workload (simulated or real) uses to talk to it. Programs are found with
 * {@link java.util.ServiceLoader}, so a user's jar can add its own.
 */
public interface Program {

    /** The name scenarios use, lowercase with dashes. */
    String name();

    /** One line for listings and errors. */
    String description();

    /** Every option the program accepts; anything else in a scenario is an error. */
    List<ConfigOption> options();

    MessageCodec codec();

    /** A fresh process with empty volatile state: at start and after every restart. */
    Process newProcess(ProgramConfig config);

    ClientAdapter client();

    /**
     * What is wrong with the options taken together (each one alone was already checked), phrased
     * as what was expected, or null. Called when a scenario is loaded, so the mistake is reported
     * with its file and line instead of breaking the run.
     */
    default String problemWith(ProgramConfig config) {
        return null;
    }

    /**
     * Safety properties of this program a scenario may name among its checks; a host that sees
     * every node checks them after every event.
     */
    default List<NamedInvariant> invariants() {
        return List.of();
    }

    /**
     * Whether this program's clients reach it over a stream (MQTT over TCP): the simulator then gives
     * every client-node link the scenario's latency but no loss, duplication or reordering, as TCP
     * would; the protocol between nodes still meets the scenario's network. False by default.
     */
    default boolean streamClients() {
        return false;
    }

    /**
     * The role a process holds now (for instance {@code leader}, {@code follower}), for faults
     * aimed at a role and for displays; null when the program has no roles. Reads state only.
     */
    default String role(Process process) {
        return null;
    }
}
