package io.mycel.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's exit codes and what it prints, run in process. */
class MycelCommandTest {

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome mycel(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = MycelCommand.commandLine().execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void aPassingScenarioExitsZeroWithAVerdictTable() {
        Outcome o = mycel("run", "library/gcounter-partitions-crashes.yaml", "--seed", "4", "--out", dir.toString());
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("gcounter-partitions-crashes seed 4: PASS"), o.out());
        assertTrue(o.out().contains("counter ") && o.out().contains("converge-after-heal"), o.out());
        assertTrue(Files.exists(dir.resolve("gcounter-partitions-crashes/seed-4/verdict.json")));
    }

    @Test
    void aFailingScenarioExitsOneAndPrintsItsSeedAndReplayCommand() {
        Outcome o = mycel("run", "library/gcounter-ack-before-sync.yaml", "--seeds", "2..3", "--out", dir.toString());
        assertEquals(1, o.exitCode());
        assertTrue(o.out().contains("FAIL seed 2: replay with  ./mycel run library/gcounter-ack-before-sync.yaml --seed 2"), o.out());
        assertTrue(o.out().contains("final read below the acknowledged adds") || o.out().contains("read below"), o.out());
    }

    @Test
    void aBadScenarioExitsTwoWithItsMistakesAndRunsNothing() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nduration: 5 seconds\nnodes: {count: 3, program: gcounter}\n");
        Outcome o = mycel("run", bad.toString(), "--out", dir.resolve("runs").toString());
        assertEquals(2, o.exitCode());
        assertTrue(o.err().contains(bad + ":2:11: duration: a duration such as"), o.err());
        assertTrue(o.err().contains("nothing was run"), o.err());
        assertTrue(Files.notExists(dir.resolve("runs")));
    }

    @Test
    void usageMistakesExitTwo() {
        assertEquals(2, mycel("run").exitCode());
        assertEquals(2, mycel("run", "library/gcounter-ack-before-sync.yaml", "--seeds", "9..1").exitCode());
        assertEquals(2, mycel("run", "no-such-file.yaml").exitCode());
        assertEquals(2, mycel("frobnicate").exitCode());
    }
}
