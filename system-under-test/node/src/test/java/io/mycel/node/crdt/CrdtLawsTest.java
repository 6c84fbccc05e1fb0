package io.mycel.node.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mycel.check.crdt.CrdtLaws;
import io.mycel.check.crdt.CrdtSpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every type of the library obeys the CRDT laws over many seeded runs of three replicas. */
class CrdtLawsTest {

    static Stream<CrdtSpec<?, ?>> types() {
        return CrdtSpecs.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void mergeIsCommutativeAssociativeIdempotentAndUpdatesInflate(CrdtSpec<?, ?> spec) {
        assertEquals(List.of(), CrdtLaws.check(spec, 400, 40), spec.name());
    }
}
