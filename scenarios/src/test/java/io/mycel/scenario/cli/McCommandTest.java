package io.mycel.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mycel mc}: a report and verdicts, a counterexample that replays (also through run), exit codes. */
class McCommandTest {

    private static final String ELECTION = """
            name: mc-election
            seed: 1
            duration: 5s
            nodes: {count: 3, program: raft-kv, config: {table-refresh: 0s, retry-interval: 10s, bug: BUG}}
            checks: [raft-safety]
            model-check:
              max-depth: 5
              goals: [{role: leader}]
            """;

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aCleanExplorationReportsWhatItCoveredAndExitsZero() throws IOException {
        Path f = file("election.yaml", ELECTION.replace("BUG", "none"));
        Cli.Outcome o = Cli.mycel("mc", f.toString(), "--out", dir.resolve("runs").toString());
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("every state within 5 steps explored"), o.out());
        assertTrue(o.out().contains("goal leader: reached in 5 steps"), o.out());
        assertTrue(o.out().matches("(?s).*raft-safety +pass.*"), o.out());
    }

    @Test
    void withoutBugExploresTheCorrectCodeAndNeedsABugToRemove() throws IOException {
        Path buggy = file("buggy.yaml", Files.readString(Path.of("model-check", "raft-commit-beyond-match.yaml")));
        Cli.Outcome found = Cli.mycel("mc", buggy.toString(), "--max-depth", "6", "--out", dir.resolve("runs").toString());
        assertEquals(1, found.exitCode(), found.out());
        Cli.Outcome correct = Cli.mycel("mc", buggy.toString(), "--max-depth", "6", "--without-bug", "--out", dir.resolve("runs").toString());
        assertEquals(0, correct.exitCode(), correct.out() + correct.err());
        assertTrue(correct.out().contains("every state within 6 steps explored"), correct.out());
        Cli.Outcome none = Cli.mycel("mc", file("clean.yaml", ELECTION.replace("BUG", "none")).toString(), "--without-bug");
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("mc-election plants no bug (its bug option is none)"), none.err());
    }

    @Test
    void optionsOverrideTheFileAndBadOnesExitTwo() throws IOException {
        Path f = file("election.yaml", ELECTION.replace("BUG", "none"));
        Cli.Outcome o = Cli.mycel("mc", f.toString(), "--max-depth", "2", "--strategy", "dfs", "--reduction", "symmetry",
                "--out", dir.resolve("runs").toString());
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("dfs, every state within 2 steps explored"), o.out());
        assertTrue(o.out().contains("reduced by symmetry"), o.out());
        assertEquals(2, Cli.mycel("mc", f.toString(), "--reduction", "magic").exitCode());
        Path plain = file("plain.yaml", ELECTION.replace("BUG", "none").substring(0, ELECTION.indexOf("model-check:")));
        Cli.Outcome none = Cli.mycel("mc", plain.toString());
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("no model-check section"), none.err());
    }

    @Test
    void aCounterexampleReplaysThroughMcAndThroughRun() throws IOException {
        Path schedule = file("schedule.yaml", ELECTION.replace("BUG", "none") + """
                  schedule:
                    - {fire: {node: n1, timer: raft-election}}
                    - {deliver: {from: n1, to: n2, msg: PreVote}}
                    - {deliver: {from: n2, to: n1, msg: RequestVote}}
                """);
        Cli.Outcome wrong = Cli.mycel("mc", schedule.toString(), "--out", dir.resolve("runs").toString());
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.err().contains("schedule.yaml:12: schedule step {deliver: {from: n2, to: n1, msg: RequestVote}} "
                + "cannot be taken here; possible steps: "), wrong.err());
        Path good = file("good.yaml", ELECTION.replace("BUG", "none") + """
                  schedule:
                    - {fire: {node: n1, timer: raft-election}}
                    - {deliver: {from: n1, to: n2, msg: PreVote}}
                """);
        Cli.Outcome viaRun = Cli.mycel("run", good.toString(), "--out", dir.resolve("runs").toString());
        assertEquals(0, viaRun.exitCode(), viaRun.err());
        assertTrue(viaRun.err().contains("holds a model-check schedule"), viaRun.err());
        assertTrue(viaRun.out().contains("replayed 2 scheduled steps of 2"), viaRun.out());
        assertTrue(Files.exists(dir.resolve("runs/mc-election/model-check/trace.jsonl")));
    }
}
