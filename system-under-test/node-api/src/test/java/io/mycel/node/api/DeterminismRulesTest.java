package io.mycel.node.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.mycel.node.api.fixture.SeededOnly;
import io.mycel.node.api.fixture.ThreadUser;
import io.mycel.node.api.fixture.WallClockUser;
import org.junit.jupiter.api.Test;

class DeterminismRulesTest {

    private static final String FIXTURES = "io.mycel.node.api.fixture..";

    @Test
    void ruleCatchesWallClockUse() {
        JavaClasses classes = new ClassFileImporter().importClasses(WallClockUser.class);
        assertThrows(AssertionError.class,
                () -> DeterminismRules.nodeCodeIsDeterministic(FIXTURES).check(classes));
    }

    @Test
    void ruleCatchesThreadsAndSleeps() {
        JavaClasses classes = new ClassFileImporter().importClasses(ThreadUser.class);
        assertThrows(AssertionError.class,
                () -> DeterminismRules.nodeCodeIsDeterministic(FIXTURES).check(classes));
    }

    @Test
    void ruleCatchesPlatformDependentMath() {
        JavaClasses classes = new ClassFileImporter().importClasses(io.mycel.node.api.fixture.MathUser.class);
        assertThrows(AssertionError.class,
                () -> DeterminismRules.nodeCodeIsDeterministic(FIXTURES).check(classes));
    }

    @Test
    void ruleAcceptsSeededRandomness() {
        JavaClasses classes = new ClassFileImporter().importClasses(SeededOnly.class);
        assertDoesNotThrow(() -> DeterminismRules.nodeCodeIsDeterministic(FIXTURES).check(classes));
    }

    @Test
    void nodeApiItselfIsDeterministic() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mycel.node.api");
        DeterminismRules.nodeCodeIsDeterministic("io.mycel.node.api..").check(classes);
    }
}
