package io.mycel.check.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mycel.check.History;
import io.mycel.check.Op;
import io.mycel.check.Verdict;
import io.mycel.check.lin.Budget;
import io.mycel.check.lin.LinearizabilityChecker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-written registry histories with known verdicts; random ones are checked against brute force elsewhere. */
class RegistryModelTest {

    private final List<Op> ops = new ArrayList<>();
    private long time;

    private RegistryModelTest op(long process, String f, Object value, Op.Type outcome, Object result) {
        ops.add(new Op(ops.size(), process, Op.Type.INVOKE, f, value, time++, null, false));
        ops.add(new Op(ops.size(), process, outcome, f, result, time++, null, false));
        return this;
    }

    private static List<Object> pair(String name, String owner) {
        return Arrays.asList(name, owner);
    }

    private Verdict verdict() {
        return LinearizabilityChecker.check(new History(ops), new RegistryModel(), Budget.of(Duration.ofSeconds(5), 1L << 26))
                .verdict();
    }

    @Test
    void aReleaseFreesEveryNameOfTheNodeAndALookupAfterItMustNotSeeTheDeadTask() {
        op(1, "register", pair("a", "n2"), Op.Type.OK, pair("a", "n2#1.1"));
        op(1, "register", pair("b", "n2"), Op.Type.OK, pair("b", "n2#1.2"));
        op(9, "purge", "n2#2", Op.Type.OK, "n2#2");
        op(2, "whereis", pair("a", null), Op.Type.OK, pair("a", null));
        assertEquals(Verdict.PASS, verdict());
        op(2, "whereis", pair("b", null), Op.Type.OK, pair("b", "n2#1.2"));
        assertEquals(Verdict.FAIL, verdict(), "b was released with the rest of n2's first life");
    }

    @Test
    void aHeldNameRefusesARegisterAndOnlyItsNodeUnregistersIt() {
        op(1, "register", pair("a", "n1"), Op.Type.OK, pair("a", "n1#1.1"));
        op(2, "register", pair("a", "n2"), Op.Type.FAIL, pair("a", "n1#1.1"));
        op(2, "unregister", pair("a", "n2"), Op.Type.FAIL, pair("a", "n2"));
        op(1, "unregister", pair("a", "n1"), Op.Type.OK, pair("a", "n1"));
        op(2, "register", pair("a", "n2"), Op.Type.OK, pair("a", "n2#1.1"));
        assertEquals(Verdict.PASS, verdict());
        op(3, "register", pair("a", "n3"), Op.Type.FAIL, pair("a", "n1#1.1"));
        assertEquals(Verdict.FAIL, verdict(), "the refusal names a holder that no longer holds it");
    }

    @Test
    void aRegisterOfUnknownOutcomeMayHaveTakenEffect() {
        ops.add(new Op(0, 1, Op.Type.INVOKE, "register", pair("a", "n1"), time++, null, false));
        ops.add(new Op(1, 1, Op.Type.INFO, "register", pair("a", "n1"), time++, null, false));
        op(2, "whereis", pair("a", null), Op.Type.OK, pair("a", "n1#1.1"));
        op(2, "whereis", pair("a", null), Op.Type.OK, pair("a", "n1#1.1"));
        assertEquals(Verdict.PASS, verdict());
        op(2, "whereis", pair("a", null), Op.Type.OK, pair("a", "n3#1.1"));
        assertEquals(Verdict.FAIL, verdict());
    }
}
