package io.mycel.scenario;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.mycel.node.api.DeterminismRules;
import org.junit.jupiter.api.Test;

/**
 * The runner, the loader, the workload clients and the checks run inside simulations or judge
 * them: they obey the same law as node code. The command line, the benchmarks, sweeps (threads,
 * one simulation each), shrinking and the JUnit API (wall-time budgets) stand outside simulations,
 * reading the wall clock on purpose, and are exempt: every run they start is itself deterministic.
 */
class ScenarioDeterminismRulesTest {

    @Test
    void runnerLoaderClientsAndChecksUseNoWallClockRandomnessOrThreads() {
        DeterminismRules.nodeCodeIsDeterministic("io.mycel.scenario.run..", "io.mycel.scenario.load..",
                "io.mycel.scenario.check..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                        .importPackages("io.mycel.scenario"));
    }
}
