package io.mycel.check.lin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.Verdict;
import io.mycel.check.format.HistoryFiles;
import io.mycel.check.format.HistoryFormat;
import io.mycel.check.format.LoadedHistory;
import io.mycel.check.model.Models;
import io.mycel.check.model.RegisterModel;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every history recorded by Jepsen, Knossos and Porcupine that we keep, checked against the verdict
 * those tools agree on. A checker that disagrees with any of them is wrong.
 */
class KnownHistoriesTest {

    static Stream<Arguments> histories() throws IOException, URISyntaxException {
        Path root = Paths.get(KnownHistoriesTest.class.getResource("/histories").toURI());
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                for (String line : Files.readAllLines(folder.resolve("expected.tsv"))) {
                    String[] parts = line.split("\t");
                    if (parts.length == 2) {
                        cases.add(Arguments.of(folder.getFileName() + "/" + parts[0], folder.resolve(parts[0]),
                                parts[1].equals("linearizable")));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void verdictAgreesWithTheRecordedOne(String name, Path file, boolean linearizable) throws IOException {
        LoadedHistory loaded = HistoryFiles.read(file);
        String model = loaded.history().operations().isEmpty() ? "cas-register" : Models.infer(loaded.history());
        assertNotNull(model, "no model fits " + name);
        RegisterModel.FailedCas failedCas = loaded.format() == HistoryFormat.JEPSEN_LOG
                ? RegisterModel.FailedCas.MISMATCH : RegisterModel.FailedCas.NOT_APPLIED;
        LinearizabilityResult result = LinearizabilityChecker.check(loaded.history(),
                Models.named(model, new Models.Options(null, failedCas)),
                Budget.of(Duration.ofSeconds(30), 1L << 30));
        assertEquals(linearizable ? Verdict.PASS : Verdict.FAIL, result.verdict(), name + ": " + result.reason());
        if (!linearizable) {
            LinearizabilityResult.Failure failure = result.failure();
            assertTrue(failure.minimal().contains(failure.blocking()), "the minimal set holds the blocking operation");
            assertFalse(failure.linearized().contains(failure.blocking()));
        }
    }
}
