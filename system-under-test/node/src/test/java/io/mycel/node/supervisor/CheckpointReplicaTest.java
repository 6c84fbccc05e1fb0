package io.mycel.node.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.NodeId;
import io.mycel.node.registry.Owner;
import io.mycel.node.tasks.Checkpoint;
import io.mycel.node.testing.FakeContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A replica's claims and saves: epochs fence off replaced instances, versions only move forward, promises survive a crash. */
class CheckpointReplicaTest {

    private static final Owner A = new Owner(NodeId.of("a"), 1);
    private static final Owner B = new Owner(NodeId.of("b"), 1);

    private static Checkpoint v(long version) {
        return new Checkpoint(version, new byte[] {(byte) version});
    }

    private final FakeContext ctx = new FakeContext(NodeId.of("r"), List.of(NodeId.of("r")), 1);

    @Test
    void aNewerClaimFencesOffTheOldHolder() {
        CheckpointReplica replica = new CheckpointReplica(true);
        assertTrue(replica.claim(ctx, "t", A, 1).granted());
        assertFalse(replica.save(ctx, "t", v(5), A, 1).stop());
        CheckpointReplica.ClaimOutcome claim = replica.claim(ctx, "t", B, 2);
        assertTrue(claim.granted());
        assertEquals(A, claim.before().holder(), "the claim names the holder to ask for a handover");
        assertEquals(5, claim.before().checkpoint().version(), "and reads the checkpoint in the same step");
        CheckpointReplica.SaveOutcome late = replica.save(ctx, "t", v(9), A, 1);
        assertTrue(late.stop(), "the old holder's save after the claim is refused");
        assertEquals(5, late.storedVersion(), "and not taken");
        assertFalse(replica.claim(ctx, "t", A, 2).granted(), "an equal epoch does not outbid");
        assertTrue(replica.claim(ctx, "t", B, 2).granted(), "the same claim repeated is granted again");
    }

    @Test
    void versionsOnlyMoveForward() {
        CheckpointReplica replica = new CheckpointReplica(true);
        replica.claim(ctx, "t", A, 1);
        replica.save(ctx, "t", v(7), A, 1);
        assertEquals(7, replica.save(ctx, "t", v(3), A, 1).storedVersion());
        assertEquals(7, replica.get("t").checkpoint().version());
    }

    @Test
    void aSaveWithoutAClaimantIsRefused() {
        CheckpointReplica replica = new CheckpointReplica(true);
        assertTrue(replica.save(ctx, "t", v(1), null, 0).stop());
        assertEquals(0, replica.get("t").checkpoint().version());
    }

    @Test
    void promisesAndCheckpointsSurviveACrash() {
        CheckpointReplica replica = new CheckpointReplica(true);
        replica.claim(ctx, "t", A, 4);
        replica.save(ctx, "t", v(6), A, 4);
        ctx.crash();
        CheckpointReplica back = new CheckpointReplica(true);
        back.load(ctx);
        assertEquals(new CheckpointReplica.Record(v(6), A, 4), back.get("t"));
        assertFalse(back.claim(ctx, "t", B, 3).granted(), "the promise to epoch 4 was synced before it was given");
    }

    @Test
    void withoutFencingDuplicatesAreNeverStopped() {
        CheckpointReplica planted = new CheckpointReplica(false);
        planted.claim(ctx, "t", A, 1);
        planted.claim(ctx, "t", B, 2);
        assertFalse(planted.save(ctx, "t", v(3), A, 1).stop(), "the planted bug takes the replaced instance's save");
    }
}
