package io.mycel.power;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.mycel.node.api.DeterminismRules;
import org.junit.jupiter.api.Test;

/** The power model runs inside simulations: no wall clock, no unseeded randomness, no threads. */
class PowerDeterminismTest {

    @Test
    void powerModelCodeIsDeterministic() {
        DeterminismRules.nodeCodeIsDeterministic("io.mycel.power..").check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.mycel.power"));
    }
}
