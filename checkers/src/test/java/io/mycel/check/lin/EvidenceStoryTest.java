package io.mycel.check.lin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.History;
import io.mycel.check.Op;
import io.mycel.check.Verdict;
import io.mycel.check.model.Models;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Evidence in a history with two anomalies tells the story of one: the two writes and the stale
 * read, not the stale read alone. A leader serving stale reads for a while leaves such histories;
 * before the minimizer peeled other anomalies out of its start, it was left with the read alone.
 */
class EvidenceStoryTest {

    private final List<Op> ops = new ArrayList<>();

    private void op(long process, Op.Type type, String f, Object value) {
        ops.add(new Op(ops.size(), process, type, f, value, ops.size() * 1_000L, null, false));
    }

    private void write(long process, long value) {
        op(process, Op.Type.INVOKE, "write", value);
        op(process, Op.Type.OK, "write", value);
    }

    @Test
    void twoStaleReadsEachGetTheirWritesAsEvidence() {
        write(0, 0);
        for (long reader : new long[] {1, 2}) {
            op(reader, Op.Type.INVOKE, "read", null);
            op(reader, Op.Type.OK, "read", 0L);
        }
        write(0, 1);
        write(0, 2);
        // Two reads after both writes see the first: each is an anomaly the other's evidence must leave out.
        op(3, Op.Type.INVOKE, "read", null);
        op(4, Op.Type.INVOKE, "read", null);
        op(4, Op.Type.OK, "read", 1L);
        op(3, Op.Type.OK, "read", 1L);
        LinearizabilityResult result = LinearizabilityChecker.check(new History(ops),
                Models.named("register", new Models.Options(null, null)), Budget.of(Duration.ofSeconds(10), 1L << 28));
        assertEquals(Verdict.FAIL, result.verdict());
        LinearizabilityResult.Failure failure = result.failure();
        List<String> story = failure.minimal().stream().map(o -> o.process() + " " + o.f() + " "
                + (o.f().equals("write") ? o.invoke().value() : o.completion().value())).toList();
        long blocking = failure.blocking().process();
        assertTrue(blocking == 3 || blocking == 4, "a stale read blocks: " + blocking);
        assertEquals(List.of("0 write 1", "0 write 2", blocking + " read 1"), story);
        assertTrue(failure.minimalComplete());
    }
}
