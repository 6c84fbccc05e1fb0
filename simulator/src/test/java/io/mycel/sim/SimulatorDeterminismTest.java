package io.mycel.sim;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.mycel.node.api.DeterminismRules;
import org.junit.jupiter.api.Test;

class SimulatorDeterminismTest {

    @Test
    void simulatorCodeUsesNoWallClockRandomnessOrThreads() {
        DeterminismRules.nodeCodeIsDeterministic("io.mycel.sim..").check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.mycel.sim"));
    }
}
