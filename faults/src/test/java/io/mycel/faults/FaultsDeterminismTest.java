package io.mycel.faults;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.mycel.node.api.DeterminismRules;
import org.junit.jupiter.api.Test;

class FaultsDeterminismTest {

    @Test
    void faultCodeUsesNoWallClockRandomnessOrThreads() {
        DeterminismRules.nodeCodeIsDeterministic("io.mycel.faults..").check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.mycel.faults"));
    }
}
