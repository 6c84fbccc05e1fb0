package io.mycel.check.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.History;
import io.mycel.check.Op;
import io.mycel.check.Verdict;
import io.mycel.check.lin.Budget;
import io.mycel.check.lin.LinearizabilityChecker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelsTest {

    private static History counter(long readValue) {
        return new History(List.of(
                new Op(0, 0, Op.Type.INVOKE, "incr", null, 0, null, false),
                new Op(1, 0, Op.Type.OK, "incr", null, 1, null, false),
                new Op(2, 1, Op.Type.INVOKE, "read", null, 2, null, false),
                new Op(3, 1, Op.Type.OK, "read", readValue, 3, null, false)));
    }

    @Test
    void aModelAddedThroughTheServiceLoaderIsFoundByName() {
        assertTrue(Models.names().contains("test-counter"), Models.names().toString());
        Budget budget = Budget.of(Duration.ofSeconds(5), 1L << 26);
        assertEquals(Verdict.PASS, LinearizabilityChecker.check(counter(1),
                Models.named("test-counter", Models.Options.DEFAULTS), budget).verdict());
        assertEquals(Verdict.FAIL, LinearizabilityChecker.check(counter(0),
                Models.named("test-counter", Models.Options.DEFAULTS), budget).verdict());
    }

    @Test
    void anUnknownNameListsTheModelsThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Models.named("btree", Models.Options.DEFAULTS));
        assertTrue(e.getMessage().contains("register, cas-register, kv, set, queue, mutex, registry, test-counter"), e.getMessage());
    }
}
