package io.mycel.node.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.NodeId;
import io.mycel.node.kv.KvMessages.Reply;
import io.mycel.node.kv.RaftKvClusterTest.Cluster;
import io.mycel.node.kv.RaftKvClusterTest.Planned;
import io.mycel.node.raft.RaftBug;
import io.mycel.node.raft.RaftConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The process registry on raft-kv in the simulator: names go to tasks of the node asked, a held name
 * is refused, and a node that crashes and restarts releases its dead tasks' names before it takes
 * new ones.
 */
class RaftKvRegistryTest {

    private static final NodeId N2 = NodeId.of("n2");
    private static final NodeId N4 = NodeId.of("n4");

    /** Requests 1..6: n2 takes svc1; n4 tries it; n4 looks it up; (n2 restarts); n4 looks again; n2 takes it again; n2 takes svc2. */
    private static List<Planned> plan() {
        return List.of(
                new Planned(1_000_000, N2, KvOp.register("svc1")),
                new Planned(1_200_000, N4, KvOp.register("svc1")),
                new Planned(1_400_000, N4, KvOp.whereis("svc1")),
                new Planned(4_000_000, N4, KvOp.whereis("svc1")),
                new Planned(3_000_010, N2, KvOp.register("svc1")),
                new Planned(4_200_000, N2, KvOp.register("svc2")));
    }

    private static Cluster crashN2Between(long seed, RaftConfig config) {
        Cluster c = new Cluster(5, seed, config, plan());
        c.runUntil(2_000_000);
        c.sim.crash(N2);
        c.runUntil(3_000_000);
        c.sim.restart(N2);
        c.runUntil(6_000_000);
        return c;
    }

    @Test
    void aNameGoesToATaskOfTheNodeAskedAndIsReleasedWhenThatNodeRestarts() {
        for (long seed = 1; seed <= 10; seed++) {
            Cluster c = crashN2Between(seed, RaftKvClusterTest.CONFIG);
            String s = "seed " + seed;
            Reply taken = c.client.replies.get(1L);
            assertNotNull(taken, s);
            assertTrue(taken.applied(), s);
            assertEquals("n2#1.1", taken.value(), s + ": task 1 of n2's first life");
            Reply refused = c.client.replies.get(2L);
            assertFalse(refused.applied(), s);
            assertEquals("n2#1.1", refused.value(), s + ": a refused register names the holder");
            assertEquals("n2#1.1", c.client.replies.get(3L).value(), s);
            // n2 restarted as its second life: its new task is numbered from 1 again.
            Reply again = c.client.replies.get(5L);
            assertNotNull(again, s);
            assertTrue(again.applied(), s);
            assertEquals("n2#2.1", again.value(), s);
            assertEquals("n2#2.1", c.client.replies.get(4L).value(), s + ": the lookup after the restart sees the new task");
            assertEquals("n2#2.2", c.client.replies.get(6L).value(), s);
            for (NodeId id : c.ids) {
                assertEquals(2, c.server(id.name()).registryTable().incarnation(N2), s + " at " + id);
            }
        }
    }

    @Test
    void aNodeThatRestartsWithoutReleasingLeavesItsDeadTasksNames() {
        RaftConfig c0 = RaftKvClusterTest.CONFIG;
        RaftConfig buggy = new RaftConfig(c0.electionTimeoutMinMicros(), c0.electionTimeoutMaxMicros(), c0.heartbeatIntervalMicros(),
                c0.maxBatchEntries(), c0.maxInflight(), c0.snapshotEveryEntries(), c0.leaderMaxTenureMicros(), c0.initialVoters(),
                c0.refreshIntervalMicros(), RaftBug.NAMES_OUTLIVE_TASKS);
        Cluster c = new Cluster(5, 3, buggy, List.of(
                new Planned(1_000_000, N2, KvOp.register("svc1")),
                new Planned(4_000_000, N4, KvOp.whereis("svc1"))));
        c.runUntil(2_000_000);
        c.sim.crash(N2);
        c.runUntil(3_000_000);
        c.sim.restart(N2);
        c.runUntil(6_000_000);
        assertEquals("n2#1.1", c.client.replies.get(2L).value(), "the dead task still holds the name");
    }

    @Test
    void theIncarnationIsDurableAndAFirstStartHasNothingToRelease() {
        Cluster c = new Cluster(5, 7, RaftKvClusterTest.CONFIG, List.of());
        c.runUntil(1_000_000);
        assertEquals(0, c.server("n2").registryTable().incarnation(N2), "a first start has nothing to release");
        for (int life = 2; life <= 4; life++) {
            c.sim.crash(N2);
            c.runUntil(1_000_000L * life);
            c.sim.restart(N2);
            c.runUntil(1_000_000L * life + 800_000);
            assertEquals(life, c.server("n2").registryTable().incarnation(N2), "life " + life);
        }
    }
}
