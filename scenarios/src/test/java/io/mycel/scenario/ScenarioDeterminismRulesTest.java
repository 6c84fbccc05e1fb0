package io.mycel.scenario;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.mycel.node.api.DeterminismRules;
import org.junit.jupiter.api.Test;

/**
 * The runner, the loader and the workload clients run inside simulations: they obey the same law
 * as node code. The command line and the benchmark read the wall clock on purpose and are exempt.
 */
class ScenarioDeterminismRulesTest {

    @Test
    void runnerLoaderAndClientsUseNoWallClockRandomnessOrThreads() {
        DeterminismRules.nodeCodeIsDeterministic("io.mycel.scenario.run..", "io.mycel.scenario.load..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                        .importPackages("io.mycel.scenario"));
    }
}
