package io.mycel.mc;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.mycel.node.api.DeterminismRules;
import org.junit.jupiter.api.Test;

/**
 * The explored system and its encodings must be deterministic, like the simulator: a path replays to
 * the same state only if nothing in the host reads the clock or draws unseeded randomness. The explorer
 * itself (io.mycel.mc.explore) reads the clock for its time budget and rate only.
 */
class ModelCheckerDeterminismTest {

    @Test
    void theHostAndTheStateEncodingUseNoWallClockRandomnessOrThreads() {
        DeterminismRules.nodeCodeIsDeterministic("io.mycel.mc.system..", "io.mycel.mc.state..").check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.mycel.mc"));
    }
}
