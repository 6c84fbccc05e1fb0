package io.mycel.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mycel.check.format.EdnHistory;
import io.mycel.check.gen.HistoryGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mycel check}: one line per history, evidence, and the exit codes 0, 1, 3 and 2. */
class CheckCommandTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Path good() throws IOException {
        return file("good.edn", """
                [{:process 0, :type :invoke, :f :write, :value 1}
                 {:process 1, :type :invoke, :f :read, :value nil}
                 {:process 0, :type :ok, :f :write, :value 1}
                 {:process 1, :type :ok, :f :read, :value 1}]
                """);
    }

    private Path stale() throws IOException {
        return file("stale.edn", """
                [{:process 0, :type :invoke, :f :write, :value 1}
                 {:process 0, :type :ok, :f :write, :value 1}
                 {:process 0, :type :invoke, :f :write, :value 2}
                 {:process 0, :type :ok, :f :write, :value 2}
                 {:process 1, :type :invoke, :f :read, :value nil}
                 {:process 1, :type :ok, :f :read, :value 1}]
                """);
    }

    @Test
    void linearizableHistoriesExitZeroWithOneLineEach() throws IOException {
        Cli.Outcome o = Cli.mycel("check", "--model", "register", good().toString(), good().toString());
        assertEquals(0, o.exitCode(), o.err());
        assertEquals(2, o.out().lines().filter(l -> l.startsWith("linearizable")).count(), o.out());
        assertTrue(o.out().lines().allMatch(l -> l.matches("linearizable +2 ops +[0-9.]+ ms  .*good\\.edn")), o.out());
    }

    @Test
    void aStaleReadExitsOneWithReadableEvidenceAndJson() throws IOException {
        Path json = dir.resolve("evidence");
        Cli.Outcome o = Cli.mycel("check", "--model", "register", "--json", json.toString(), good().toString(), stale().toString());
        assertEquals(1, o.exitCode(), o.err());
        assertTrue(o.out().contains("NOT linearizable"), o.out());
        assertTrue(o.out().contains("cannot linearize: process 1 read -> ok 1 (lines 5-6)"), o.out());
        assertTrue(o.out().contains("a minimal set that is not linearizable (3 operations)"), o.out());
        JsonNode evidence = new ObjectMapper().readTree(json.resolve("stale.edn.json").toFile());
        assertEquals("fail", evidence.get("verdict").asText());
        assertEquals(5, evidence.get("blocking").get("invoke-line").asInt());
        assertEquals(3, evidence.get("minimal").size());
    }

    @Test
    void aHistoryBeyondTheBudgetExitsThree() throws IOException {
        Path hard = dir.resolve("hard.edn");
        EdnHistory.write(HistoryGenerator.generate(HistoryGenerator.Shape.etcdLike(10).withStaleRead(), 1), hard);
        Cli.Outcome o = Cli.mycel("check", "--model", "cas-register", "--failed-cas", "mismatch", "--timeout", "0.3", hard.toString());
        assertEquals(CheckCommand.EXIT_UNKNOWN, o.exitCode(), o.out() + o.err());
        assertTrue(o.out().startsWith("unknown"), o.out());
        assertTrue(o.out().contains("time budget"), o.out());
    }

    @Test
    void badInputExitsTwoNamingTheLine() throws IOException {
        Path bad = file("bad.edn", "[{:process 0, :type :invoke, :f :read}\n {:process 0, :type :maybe, :f :read}]\n");
        Cli.Outcome o = Cli.mycel("check", "--model", "register", good().toString(), bad.toString());
        assertEquals(2, o.exitCode());
        assertTrue(o.err().contains(bad + ":2: :type: expected :invoke, :ok, :fail or :info"), o.err());
        assertTrue(o.out().contains("good.edn"), "the good file is still checked: " + o.out());
        Path unknownOp = file("frob.edn", "[{:process 0, :type :invoke, :f :frob}\n {:process 0, :type :ok, :f :frob}]\n");
        Cli.Outcome frob = Cli.mycel("check", "--model", "register", unknownOp.toString());
        assertEquals(2, frob.exitCode());
        assertTrue(frob.err().contains(unknownOp + ":1: process 0 frob: expected read or write"), frob.err());
        Cli.Outcome model = Cli.mycel("check", "--model", "btree", good().toString());
        assertEquals(2, model.exitCode());
        assertTrue(model.err().contains("no model named 'btree'"), model.err());
    }
}
