package io.mycel.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's exit codes and what it prints, run in process. */
class MycelCommandTest {

    @TempDir
    Path dir;

    @Test
    void aPassingScenarioExitsZeroWithAVerdictTable() {
        Cli.Outcome o = Cli.mycel("run", "library/gcounter-partitions-crashes.yaml", "--seed", "4", "--out", dir.toString());
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("gcounter-partitions-crashes seed 4: PASS"), o.out());
        assertTrue(o.out().contains("counter ") && o.out().contains("converge-after-heal"), o.out());
        assertTrue(Files.exists(dir.resolve("gcounter-partitions-crashes/seed-4/verdict.json")));
    }

    @Test
    void aFailingScenarioExitsOneAndPrintsItsSeedAndReplayCommand() {
        Cli.Outcome o = Cli.mycel("run", "library/gcounter-ack-before-sync.yaml", "--seeds", "2..3", "--out", dir.toString());
        assertEquals(1, o.exitCode());
        assertTrue(o.out().contains("FAIL seed 2: replay with  ./mycel run library/gcounter-ack-before-sync.yaml --seed 2"), o.out());
        assertTrue(o.out().contains("final read below the acknowledged adds") || o.out().contains("read below"), o.out());
    }

    @Test
    void aBadScenarioExitsTwoWithItsMistakesAndRunsNothing() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nduration: 5 seconds\nnodes: {count: 3, program: gcounter}\n");
        Cli.Outcome o = Cli.mycel("run", bad.toString(), "--out", dir.resolve("runs").toString());
        assertEquals(2, o.exitCode());
        assertTrue(o.err().contains(bad + ":2:11: duration: a duration such as"), o.err());
        assertTrue(o.err().contains("nothing was run"), o.err());
        assertTrue(Files.notExists(dir.resolve("runs")));
    }

    @Test
    void usageMistakesExitTwo() {
        assertEquals(2, Cli.mycel("run").exitCode());
        assertEquals(2, Cli.mycel("run", "library/gcounter-ack-before-sync.yaml", "--seeds", "9..1").exitCode());
        assertEquals(2, Cli.mycel("run", "no-such-file.yaml").exitCode());
        assertEquals(2, Cli.mycel("frobnicate").exitCode());
    }

    @Test
    void aSweepSummarisesFailuresByCheckAndExitsZeroWhenThePlantedBugIsCaughtOnEverySeed() {
        Cli.Outcome o = Cli.mycel("sweep", "library/gcounter-ack-before-sync.yaml", "--seeds", "2..5", "--jobs", "2",
                "--out", dir.toString());
        assertEquals(0, o.exitCode(), o.out() + o.err());
        assertTrue(o.out().contains("gcounter-ack-before-sync: 4 of seeds 2..5 run on 2 threads"), o.out());
        assertTrue(o.out().contains("replay: ./mycel run library/gcounter-ack-before-sync.yaml --seed 2"), o.out());
        assertTrue(o.out().contains("every seed run came out so"), o.out());
        assertTrue(Files.exists(dir.resolve("gcounter-ack-before-sync/seed-2/trace.jsonl")));
        assertEquals(2, Cli.mycel("sweep", "library/gcounter-ack-before-sync.yaml", "--jobs", "0").exitCode());
        assertEquals(2, Cli.mycel("sweep", "library/gcounter-ack-before-sync.yaml", "--time-budget", "soon").exitCode());
    }
}
