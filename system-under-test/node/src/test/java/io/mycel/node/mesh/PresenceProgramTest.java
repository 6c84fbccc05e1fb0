package io.mycel.node.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.Program;
import io.mycel.node.api.ProgramConfig;
import io.mycel.node.api.TimerId;
import io.mycel.node.presence.PresenceMessages;
import io.mycel.sim.LatencyDistribution;
import io.mycel.sim.LinkModel;
import io.mycel.sim.Simulation;
import io.mycel.sim.SimulationBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The presence program in the simulator: scripted clients, what every node answers. */
class PresenceProgramTest {

    /** Sends its script, one message every 200 ms to its node, and keeps the answers to Who. */
    private static final class ScriptedClient implements Process {
        final NodeId node;
        final List<Message> script;
        final List<List<String>> answers = new ArrayList<>();
        int next;

        ScriptedClient(NodeId node, List<Message> script) {
            this.node = node;
            this.script = script;
        }

        @Override
        public void onStart(NodeContext ctx) {
            ctx.setTimer("step", 1_000_000);
        }

        @Override
        public void onTimer(NodeContext ctx, TimerId timer) {
            ctx.send(node, script.get(next++));
            if (next < script.size()) {
                ctx.setTimer("step", 200_000);
            }
        }

        @Override
        public void onMessage(NodeContext ctx, NodeId from, Message message) {
            if (message instanceof PresenceMessages.WhoOk ok) {
                answers.add(ok.online());
            }
        }
    }

    private static Simulation cluster(long seed, ScriptedClient... clients) {
        Program program = new PresenceProgram();
        ProgramConfig config = ProgramConfig.of(program.options(), Map.of("membership", "static", "overlay", "full-mesh",
                "presence-heartbeat", "200ms", "presence-timeout", "1s"));
        SimulationBuilder b = Simulation.builder(seed, LinkModel.reliable(new LatencyDistribution.Uniform(1_000, 5_000)));
        for (int i = 1; i <= 3; i++) {
            b.node(NodeId.of("n" + i), () -> program.newProcess(config), program.codec());
        }
        for (int i = 0; i < clients.length; i++) {
            ScriptedClient c = clients[i];
            b.client(NodeId.of("@c" + (i + 1)), () -> c, program.codec());
        }
        return b.build();
    }

    @Test
    void aJoinDeliveredAgainAfterTheLeaveDoesNotBringTheUserBack() {
        for (long seed = 1; seed <= 5; seed++) {
            ScriptedClient c = new ScriptedClient(NodeId.of("n1"), List.of(
                    new PresenceMessages.Join(1, "u1", "phone"),
                    new PresenceMessages.Leave(2, "u1"),
                    new PresenceMessages.Join(1, "u1", "phone"),   // the network delivers the first join again
                    new PresenceMessages.Who(3)));
            cluster(seed, c).runUntil(3_000_000);
            assertEquals(List.of(List.of()), c.answers, "seed " + seed);
        }
    }

    @Test
    void everyNodeSeesEveryonesUsersAndACrashedNodesUsersVanish() {
        for (long seed = 1; seed <= 5; seed++) {
            ScriptedClient atN1 = new ScriptedClient(NodeId.of("n1"), List.of(new PresenceMessages.Join(1, "ann", "laptop")));
            ScriptedClient atN2 = new ScriptedClient(NodeId.of("n2"), List.of(new PresenceMessages.Join(1, "bob", "phone")));
            ScriptedClient reader = new ScriptedClient(NodeId.of("n3"), List.of(
                    new PresenceMessages.Who(1), new PresenceMessages.Who(2), new PresenceMessages.Who(3),
                    new PresenceMessages.Who(4), new PresenceMessages.Who(5), new PresenceMessages.Who(6),
                    new PresenceMessages.Who(7), new PresenceMessages.Who(8), new PresenceMessages.Who(9),
                    new PresenceMessages.Who(10), new PresenceMessages.Who(11), new PresenceMessages.Who(12)));
            Simulation sim = cluster(seed, atN1, atN2, reader);
            sim.runUntil(1_500_000);
            sim.crash(NodeId.of("n2"));
            sim.runUntil(4_000_000);
            List<List<String>> seen = reader.answers;
            assertEquals(List.of("ann@n1", "bob@n2"), seen.get(2), "seed " + seed + ": both users, 0.5 s in");
            assertEquals(List.of("ann@n1"), seen.get(seen.size() - 1),
                    "seed " + seed + ": bob's node crashed over a second ago, so bob is gone: " + seen);
        }
    }
}
