package io.mycel.faults;

import io.mycel.node.api.Durations;
import io.mycel.node.api.NodeId;
import io.mycel.sim.LatencyDistribution;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One thing that goes wrong (or gets mended) at an instant. Faults are data: a plan can be printed,
 * saved, shrunk and applied to any {@link FaultTarget}, simulated or real.
 * {@link #toYaml()} gives the scenario-file form, so a drawn plan can be pasted into a scenario.
 */
public sealed interface Fault {

    void applyTo(FaultTarget target);

    /** The fault as it is written after {@code at: T,} in a scenario's {@code faults} list. */
    String toYaml();

    record Partition(List<List<NodeId>> groups) implements Fault {
        public Partition {
            groups = groups.stream().map(List::copyOf).collect(Collectors.toUnmodifiableList());
        }

        @Override
        public void applyTo(FaultTarget target) {
            target.partition(groups);
        }

        @Override
        public String toYaml() {
            return "partition: [" + groups.stream().map(Fault::names).collect(Collectors.joining(", ")) + "]";
        }
    }

    /** Messages from every node of {@code from} to every node of {@code to} are lost; the other way works. */
    record Cut(List<NodeId> from, List<NodeId> to) implements Fault {
        public Cut {
            from = List.copyOf(from);
            to = List.copyOf(to);
        }

        @Override
        public void applyTo(FaultTarget target) {
            target.cut(from, to);
        }

        @Override
        public String toYaml() {
            return "cut: {from: " + names(from) + ", to: " + names(to) + "}";
        }
    }

    /** Ends every partition and cut. */
    record Heal() implements Fault {
        @Override
        public void applyTo(FaultTarget target) {
            target.heal();
        }

        @Override
        public String toYaml() {
            return "heal: all";
        }
    }

    record Crash(NodeId node) implements Fault {
        @Override
        public void applyTo(FaultTarget target) {
            target.crash(node);
        }

        @Override
        public String toYaml() {
            return "crash: " + node;
        }
    }

    record Restart(NodeId node) implements Fault {
        @Override
        public void applyTo(FaultTarget target) {
            target.restart(node);
        }

        @Override
        public String toYaml() {
            return "restart: " + node;
        }
    }

    record Pause(NodeId node) implements Fault {
        @Override
        public void applyTo(FaultTarget target) {
            target.pause(node);
        }

        @Override
        public String toYaml() {
            return "pause: " + node;
        }
    }

    record Resume(NodeId node) implements Fault {
        @Override
        public void applyTo(FaultTarget target) {
            target.resume(node);
        }

        @Override
        public String toYaml() {
            return "resume: " + node;
        }
    }

    /** Sets a node's clock offset against true time (may be negative). */
    record ClockSkew(NodeId node, long offsetMicros) implements Fault {
        @Override
        public void applyTo(FaultTarget target) {
            target.skewClock(node, offsetMicros);
        }

        @Override
        public String toYaml() {
            return "skew: {node: " + node + ", offset: " + signed(offsetMicros) + "}";
        }
    }

    /** Sets how fast a node's clock runs against true time, in parts per million. */
    record ClockDrift(NodeId node, long driftPpm) implements Fault {
        @Override
        public void applyTo(FaultTarget target) {
            target.driftClock(node, driftPpm);
        }

        @Override
        public String toYaml() {
            return "drift: {node: " + node + ", ppm: " + driftPpm + "}";
        }
    }

    /** Sets the loss probability of every link that has no model of its own. */
    record Loss(double probability) implements Fault {
        public Loss {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("loss must be in [0, 1], got " + probability);
            }
        }

        @Override
        public void applyTo(FaultTarget target) {
            target.setLoss(probability);
        }

        @Override
        public String toYaml() {
            return "loss: " + probability;
        }
    }

    /** Sets the latency of every link that has no model of its own. */
    record Latency(LatencyDistribution latency) implements Fault {
        @Override
        public void applyTo(FaultTarget target) {
            target.setLatency(latency);
        }

        @Override
        public String toYaml() {
            return "latency: " + LatencyYaml.of(latency);
        }
    }

    /**
     * A fault aimed at whichever node leads when it happens, mended after {@code forMicros}: the
     * node is crashed and restarted, paused and resumed, or cut off from every other node and
     * healed. Jepsen's nemeses aim at the primary the same way. With no leader at that instant it
     * does nothing (and says so in the trace).
     */
    record LeaderFault(Kind kind, long forMicros) implements Fault {

        public enum Kind {
            CRASH("crash-leader"), PAUSE("pause-leader"), ISOLATE("isolate-leader");

            private final String label;

            Kind(String label) {
                this.label = label;
            }

            public String label() {
                return label;
            }
        }

        public LeaderFault {
            if (forMicros <= 0) {
                throw new IllegalArgumentException(kind.label + " must last above 0, got " + forMicros + "us");
            }
        }

        @Override
        public void applyTo(FaultTarget target) {
            NodeId leader = target.leader();
            if (leader == null) {
                target.skipped(kind.label, "no node leads");
                return;
            }
            switch (kind) {
                case CRASH -> {
                    target.crash(leader);
                    target.after(forMicros, () -> target.restart(leader));
                }
                case PAUSE -> {
                    target.pause(leader);
                    target.after(forMicros, () -> target.resume(leader));
                }
                case ISOLATE -> {
                    target.partition(List.of(List.of(leader)));
                    target.after(forMicros, target::heal);
                }
            }
        }

        @Override
        public String toYaml() {
            return kind.label + ": " + Durations.format(forMicros);
        }
    }

    /**
     * An administrative action of the program on a node (for instance {@code remove-voter: n5}): the
     * lab asks the cluster for it as an operator would, through a client, and the cluster carries
     * it out, or not, by its own protocol.
     */
    record Admin(String action, NodeId node) implements Fault {
        @Override
        public void applyTo(FaultTarget target) {
            target.admin(action, node);
        }

        @Override
        public String toYaml() {
            return action + ": " + node;
        }
    }

    private static String names(List<NodeId> nodes) {
        return nodes.stream().map(NodeId::name).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String signed(long micros) {
        return micros < 0 ? "-" + Durations.format(-micros) : Durations.format(micros);
    }
}
