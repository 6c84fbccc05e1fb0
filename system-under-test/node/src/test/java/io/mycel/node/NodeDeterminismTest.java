package io.mycel.node;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.mycel.node.api.DeterminismRules;
import org.junit.jupiter.api.Test;

/** Everything in the node module except the real runtime obeys the determinism law. */
class NodeDeterminismTest {

    @Test
    void nodeCodeUsesOnlyTheSeam() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.mycel.node");
        DeterminismRules.nodeCodeIsDeterministic("io.mycel.node..").check(classes);
    }
}
