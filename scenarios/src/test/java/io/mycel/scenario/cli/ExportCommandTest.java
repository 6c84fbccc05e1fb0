package io.mycel.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mycel export perfetto} on a real run: every arrow joins a send to its delivery, one track a node. */
class ExportCommandTest {

    @TempDir
    Path dir;

    @Test
    void aRunExportsWithArrowsFromSendsToDeliveries() throws IOException {
        Path runs = dir.resolve("runs");
        Cli.Outcome run = Cli.mycel("run", "library/gcounter-partitions-crashes.yaml", "--seed", "1", "--out", runs.toString());
        assertEquals(0, run.exitCode(), run.err());
        Path seed = runs.resolve("gcounter-partitions-crashes/seed-1");
        Cli.Outcome export = Cli.mycel("export", "perfetto", seed.toString());
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(export.out().contains("5 node tracks"), export.out());

        JsonNode trace = new ObjectMapper().readTree(seed.resolve("trace.perfetto.json").toFile());
        Set<Long> starts = new HashSet<>();
        Set<Long> ends = new HashSet<>();
        long sends = 0;
        for (JsonNode e : trace.get("traceEvents")) {
            String ph = e.get("ph").asText();
            if (ph.equals("s")) {
                starts.add(e.get("id").asLong());
            } else if (ph.equals("f")) {
                assertTrue(ends.add(e.get("id").asLong()), "one arrow end per message: " + e);
            } else if (ph.equals("X") && e.get("name").asText().startsWith("send ")) {
                sends++;
            }
        }
        assertTrue(starts.containsAll(ends), "every arrow ends where one started");
        assertEquals(sends, starts.size());
        assertTrue(ends.size() > sends / 2, ends.size() + " of " + sends + " messages arrived");
        long deliveries = Files.readAllLines(seed.resolve("trace.jsonl")).stream()
                .filter(l -> l.contains("\"type\":\"deliver\"") && !l.contains("\"dup\":true")).count();
        assertEquals(deliveries, ends.size());
    }

    @Test
    void aFolderWithoutATraceIsABadInput() {
        Cli.Outcome o = Cli.mycel("export", "perfetto", dir.toString());
        assertEquals(2, o.exitCode());
        assertTrue(o.err().contains("no trace at"), o.err());
    }
}
