package io.mycel.scenario.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.CheckResult;
import io.mycel.check.Op;
import io.mycel.check.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dht-lookups on hand-made runs: misses of sound targets, invented providers, the hop bound. */
class DhtLookupsCheckTest {

    private static final long SETTLE = RunBuilder.ms(1_000);

    /** Four nodes (a hop bound of 2); the safety phase ends at 10s and the run at 12s. */
    private static RunBuilder run() {
        return RunBuilder.nodes(4, 10_000, 12_000);
    }

    @Test
    void passesWhenSoundTargetsAndProvidersAreFound() {
        RunBuilder run = run().op("n2", "announce", "s1", 1_000, 1_050, Op.Type.OK, null)
                .op("n1", "lookup", null, 3_000, 3_040, Op.Type.OK, List.of("n3", "found"))
                .op("n4", "find", "s1", 3_000, 3_040, Op.Type.OK, List.of("n2"))
                .note(3_040, "n1", "dht-hops", "lookup 2 7").note(3_040, "n4", "dht-hops", "find 1 5");
        CheckResult result = DhtLookupsCheck.check(run.build(), SETTLE);
        assertEquals(Verdict.PASS, result.verdict(), result.summary());
        assertEquals(1, result.evidence().get("lookupsJudged"));
        assertEquals(1, result.evidence().get("findsJudged"));
    }

    @Test
    void aMissIsForgivenOnlyWhenTheTargetOrTheNetworkWasNotSound() {
        RunBuilder missed = run().op("n1", "lookup", null, 3_000, 3_040, Op.Type.OK, List.of("n3", "missing"));
        assertEquals(Verdict.FAIL, DhtLookupsCheck.check(missed.build(), SETTLE).verdict());
        RunBuilder crashed = run().crash(2_500, "n3").op("n1", "lookup", null, 3_000, 3_040, Op.Type.OK, List.of("n3", "missing"));
        assertEquals(Verdict.UNKNOWN, DhtLookupsCheck.check(crashed.build(), SETTLE).verdict());
        RunBuilder early = run().op("n1", "lookup", null, 500, 540, Op.Type.OK, List.of("n3", "missing"));
        assertEquals(Verdict.UNKNOWN, DhtLookupsCheck.check(early.build(), SETTLE).verdict(), "the first SETTLE is the mesh forming");
    }

    @Test
    void failsOnAnInventedProviderAndOnTooManyHops() {
        RunBuilder invented = run().op("n4", "find", "s1", 3_000, 3_040, Op.Type.OK, List.of("n2"));
        CheckResult result = DhtLookupsCheck.check(invented.build(), SETTLE);
        assertEquals(Verdict.FAIL, result.verdict(), result.summary());
        assertTrue(result.summary().contains("1 invented"), result.summary());
        RunBuilder slow = run().op("n1", "lookup", null, 3_000, 3_040, Op.Type.OK, List.of("n3", "found"))
                .note(3_040, "n1", "dht-hops", "lookup 3 12");
        assertEquals(Verdict.FAIL, DhtLookupsCheck.check(slow.build(), SETTLE).verdict(), "3 hops among 4 nodes");
    }

    @Test
    void theHopBoundIsCeilLog2N() {
        assertEquals(1, DhtLookupsCheck.hopBound(2));
        assertEquals(2, DhtLookupsCheck.hopBound(4));
        assertEquals(3, DhtLookupsCheck.hopBound(5));
        assertEquals(6, DhtLookupsCheck.hopBound(64));
        assertEquals(17, DhtLookupsCheck.hopBound(100_000));
    }
}
