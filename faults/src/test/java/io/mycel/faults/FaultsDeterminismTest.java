package io.mycel.faults;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.mycel.node.api.DeterminismRules;
import org.junit.jupiter.api.Test;

class FaultsDeterminismTest {

    /**
     * Fault plans and the nemesis run inside simulations, so they obey the determinism law. The fault
     * proxy ({@code io.mycel.faults.proxy}) is the exception by nature: it moves bytes between real
     * sockets in real time, and never runs in a simulation.
     */
    @Test
    void faultCodeUsesNoWallClockRandomnessOrThreads() {
        DeterminismRules.nodeCodeIsDeterministic("io.mycel.faults").check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.mycel.faults"));
    }
}
