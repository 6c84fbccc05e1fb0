package io.mycel.scenario.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.CheckResult;
import io.mycel.check.Op;
import io.mycel.check.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresenceCheckTest {

    static final long BOUND = RunBuilder.ms(2_000);

    /** Three nodes; u1 joins at n1 and u2 at n2 early on. */
    private static RunBuilder base() {
        return RunBuilder.nodes(3, 20_000, 30_000)
                .op("n1", "join", "u1", 1_000, 1_010, Op.Type.OK, null)
                .op("n2", "join", "u2", 1_100, 1_110, Op.Type.OK, null);
    }

    private static RunBuilder finals(RunBuilder b, List<String> shown) {
        return b.finalRead("n1", "who", 29_000, shown).finalRead("n2", "who", 29_000, shown)
                .finalRead("n3", "who", 29_000, shown);
    }

    @Test
    void joinedPresencesShownEverywhereAtTheEndPass() {
        CheckResult r = PresenceCheck.check(finals(base(), List.of("u1@n1", "u2@n2")).build(), BOUND);
        assertEquals(Verdict.PASS, r.verdict(), r.summary());
    }

    @Test
    void aLostOrAStalePresenceAtTheEndFails() {
        CheckResult lost = PresenceCheck.check(finals(base(), List.of("u1@n1")).build(), BOUND);
        assertEquals(Verdict.FAIL, lost.verdict());
        assertTrue(lost.summary().contains("missing at the end: [u2@n2]"), lost.summary());

        RunBuilder left = base().op("n2", "leave", "u2", 2_000, 2_010, Op.Type.OK, null);
        CheckResult stale = PresenceCheck.check(finals(left, List.of("u1@n1", "u2@n2")).build(), BOUND);
        assertEquals(Verdict.FAIL, stale.verdict());
        assertTrue(stale.summary().contains("still shown: [u2@n2]"), stale.summary());

        RunBuilder crashed = base().crash(5_000, "n2").restart(8_000, "n2");
        CheckResult afterCrash = PresenceCheck.check(finals(crashed, List.of("u1@n1", "u2@n2")).build(), BOUND);
        assertEquals(Verdict.FAIL, afterCrash.verdict(), "a crash takes its node's presences with it");
        assertEquals(Verdict.PASS, PresenceCheck.check(finals(base().crash(5_000, "n2").restart(8_000, "n2"),
                List.of("u1@n1")).build(), BOUND).verdict());
    }

    @Test
    void aJoinOfUnknownOutcomeMayOrMayNotBeThere() {
        RunBuilder unknown = base().op("n3", "join", "u3", 3_000, 3_500, Op.Type.INFO, null);
        assertEquals(Verdict.PASS, PresenceCheck.check(finals(unknown, List.of("u1@n1", "u2@n2")).build(), BOUND).verdict());
        RunBuilder unknownToo = base().op("n3", "join", "u3", 3_000, 3_500, Op.Type.INFO, null);
        assertEquals(Verdict.PASS, PresenceCheck.check(finals(unknownToo, List.of("u1@n1", "u2@n2", "u3@n3")).build(),
                BOUND).verdict());
    }

    @Test
    void nodesThatDisagreeOrStaySilentFail() {
        RunBuilder b = base().finalRead("n1", "who", 29_000, List.of("u1@n1", "u2@n2"))
                .finalRead("n2", "who", 29_000, List.of("u1@n1"))
                .finalRead("n3", "who", 29_000, List.of("u1@n1", "u2@n2"));
        CheckResult r = PresenceCheck.check(b.build(), BOUND);
        assertEquals(Verdict.FAIL, r.verdict());
        assertTrue(r.summary().contains("disagree"), r.summary());
        RunBuilder silent = base().finalRead("n1", "who", 29_000, List.of("u1@n1", "u2@n2"))
                .finalRead("n2", "who", 29_000, null);
        assertTrue(PresenceCheck.check(silent.build(), BOUND).summary().contains("not every node answered"));
    }

    @Test
    void aCrashedNodesPresencesMustVanishFromOtherViewsWithinTheBound() {
        RunBuilder withinBound = base().crash(5_000, "n2").restart(12_000, "n2")
                .op("n3", "who", null, 6_500, 6_510, Op.Type.OK, List.of("u1@n1", "u2@n2"));
        assertEquals(Verdict.PASS, PresenceCheck.check(finals(withinBound, List.of("u1@n1")).build(), BOUND).verdict(),
                "1.5 s after the crash the presence may still be shown");
        RunBuilder pastBound = base().crash(5_000, "n2").restart(12_000, "n2")
                .op("n3", "who", null, 7_500, 7_510, Op.Type.OK, List.of("u1@n1", "u2@n2"));
        CheckResult r = PresenceCheck.check(finals(pastBound, List.of("u1@n1")).build(), BOUND);
        assertEquals(Verdict.FAIL, r.verdict());
        assertTrue(r.summary().contains("u2@n2 is shown though its node crashed"), r.summary());
        RunBuilder rejoined = base().crash(5_000, "n2").restart(8_000, "n2")
                .op("n2", "join", "u2", 8_100, 8_110, Op.Type.OK, null)
                .op("n3", "who", null, 8_500, 8_510, Op.Type.OK, List.of("u1@n1", "u2@n2"));
        assertEquals(Verdict.PASS, PresenceCheck.check(finals(rejoined, List.of("u1@n1", "u2@n2")).build(), BOUND).verdict(),
                "joined again after the restart");
    }

    @Test
    void readsMayNotInventAndANodeShowsItsOwn() {
        RunBuilder invented = base().op("n3", "who", null, 3_000, 3_010, Op.Type.OK, List.of("u9@n3"));
        CheckResult r = PresenceCheck.check(finals(invented, List.of("u1@n1", "u2@n2")).build(), BOUND);
        assertTrue(r.summary().contains("u9@n3 was not joined by then"), r.summary());
        RunBuilder ownMissing = base().op("n1", "who", null, 3_000, 3_010, Op.Type.OK, List.of("u2@n2"));
        CheckResult own = PresenceCheck.check(finals(ownMissing, List.of("u1@n1", "u2@n2")).build(), BOUND);
        assertTrue(own.summary().contains("its own presence u1@n1 is missing"), own.summary());
        RunBuilder otherNotYet = base().op("n3", "who", null, 1_200, 1_210, Op.Type.OK, List.of());
        assertEquals(Verdict.PASS, PresenceCheck.check(finals(otherNotYet, List.of("u1@n1", "u2@n2")).build(), BOUND).verdict(),
                "another node may not have heard yet");
    }
}
