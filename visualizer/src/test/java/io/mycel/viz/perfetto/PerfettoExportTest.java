package io.mycel.viz.perfetto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** A hand-written trace through the export: every kind of record lands where the Perfetto UI shows it. */
class PerfettoExportTest {

    private static final String TRACE = """
            {"t":0,"type":"run","scenario":"demo","seed":7,"program":"gcounter","nodes":["n1","n2"],"clients":["@c1"]}
            {"t":0,"type":"start","node":"n1","incarnation":1}
            {"t":0,"type":"start","node":"n2","incarnation":1}
            {"t":100,"type":"send","from":"n1","to":"n2","id":1,"msg":"Push","bytes":12,"body":"Push[3]"}
            {"t":150,"type":"deliver","from":"n1","to":"n2","id":1,"msg":"Push"}
            {"t":160,"type":"deliver","from":"n1","to":"n2","id":1,"msg":"Push","dup":true}
            {"t":200,"type":"send","from":"n2","to":"n1","id":2,"msg":"Ack","bytes":3,"body":"Ack[]"}
            {"t":210,"type":"drop","from":"n2","to":"n1","id":2,"msg":"Ack","reason":"loss"}
            {"t":300,"type":"timer","node":"n1","timer":"gossip","id":4}
            {"t":310,"type":"note","node":"n2","event":"merged","detail":"3"}
            {"t":400,"type":"invoke","process":0,"node":"n1","f":"add","value":5,"index":0}
            {"t":420,"type":"send","from":"@c1","to":"n1","id":3,"msg":"Add","bytes":4,"body":"Add[5]"}
            {"t":450,"type":"ok","process":0,"node":"n1","f":"add","value":5,"index":1}
            {"t":500,"type":"partition","groups":[["n1"],["n2"]]}
            {"t":600,"type":"crash","node":"n2","lostWrites":1}
            {"t":700,"type":"heal"}
            {"t":800,"type":"restart","node":"n2","incarnation":2}
            {"t":850,"type":"energy","node":"n1","soc":0.75,"harvest":0.1,"load":0.3}
            {"t":900,"type":"pause","node":"n1"}
            {"t":950,"type":"invoke","process":1,"node":"n2","f":"read","value":null,"index":2}
            {"t":1000,"type":"invariant-violated","invariant":"raft-safety","detail":"two leaders"}
            """;

    private static JsonNode export(String trace, PerfettoExport.Summary[] summary) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        summary[0] = PerfettoExport.export(new BufferedReader(new StringReader(trace)), out);
        return new ObjectMapper().readTree(out.toByteArray());
    }

    private static List<JsonNode> where(JsonNode trace, Predicate<JsonNode> p) {
        List<JsonNode> out = new ArrayList<>();
        trace.get("traceEvents").forEach(e -> {
            if (p.test(e)) {
                out.add(e);
            }
        });
        return out;
    }

    private static JsonNode one(JsonNode trace, String ph, String name) {
        List<JsonNode> found = where(trace, e -> e.path("ph").asText().equals(ph) && e.path("name").asText().equals(name));
        assertEquals(1, found.size(), ph + " " + name + ": " + found);
        return found.get(0);
    }

    @Test
    void everyKindOfRecordLandsOnItsTrack() throws IOException {
        PerfettoExport.Summary[] s = new PerfettoExport.Summary[1];
        JsonNode trace = export(TRACE, s);
        assertEquals("ms", trace.get("displayTimeUnit").asText());
        assertEquals(21, s[0].records());
        assertEquals(2, s[0].nodes());

        // Tracks: n1 and n2 in the nodes process, in the run's order; the client endpoint apart.
        List<String> threads = where(trace, e -> e.path("name").asText().equals("thread_name")).stream()
                .map(e -> e.path("pid").asInt() + "/" + e.path("tid").asInt() + " " + e.path("args").path("name").asText())
                .toList();
        assertTrue(threads.containsAll(List.of("1/1 n1", "1/2 n2", "2/3 @c1", "3/1 process 0", "3/2 process 1")), threads.toString());

        // A message: a slice at each end joined by one arrow; its duplicate delivery has a slice only.
        JsonNode start = one(trace, "s", "Push");
        JsonNode end = one(trace, "f", "Push");
        assertEquals(start.get("id"), end.get("id"));
        assertEquals(100, start.get("ts").asLong());
        assertEquals(150, end.get("ts").asLong());
        assertEquals(2, end.get("tid").asInt());
        assertEquals(2, where(trace, e -> e.path("name").asText().equals("receive Push")).size());
        assertEquals(1, s[0].arrows());
        // The dropped Ack and the client's Add never arrive.
        assertEquals(2, s[0].sendsNotDelivered());
        assertEquals("loss", one(trace, "i", "drop Ack (loss)").get("args").get("reason").asText());

        // Spells: n2 was down from its crash to its restart; n1 is still paused at the end.
        JsonNode down = one(trace, "X", "down");
        assertEquals(600, down.get("ts").asLong());
        assertEquals(200, down.get("dur").asLong());
        JsonNode paused = one(trace, "X", "paused");
        assertEquals(100, paused.get("dur").asLong());
        JsonNode partition = one(trace, "X", "partitioned");
        assertEquals(500, partition.get("ts").asLong());
        assertEquals(200, partition.get("dur").asLong());

        // Operations: from invocation to answer; one never answered runs to the end of the trace.
        JsonNode add = one(trace, "X", "add ok");
        assertEquals(400, add.get("ts").asLong());
        assertEquals(50, add.get("dur").asLong());
        assertEquals("5", add.get("args").get("invoked with").asText());
        assertEquals(50, one(trace, "X", "read (no answer)").get("dur").asLong());

        assertEquals(0.75, one(trace, "C", "energy n1").get("args").get("soc").asDouble());
        assertEquals("g", one(trace, "i", "invariant violated: raft-safety").get("s").asText());
        assertEquals("merged", one(trace, "i", "merged").get("name").asText());
        assertEquals(300, one(trace, "i", "timer gossip").get("ts").asLong());
    }

    @Test
    void aLineThatIsNotATraceRecordIsNamedByNumber() {
        IOException e = assertThrows(IOException.class, () -> export(TRACE.replace("{\"t\":300,", "{\"at\":300,"),
                new PerfettoExport.Summary[1]));
        assertTrue(e.getMessage().startsWith("line 9 is not a trace record"), e.getMessage());
        IOException garbled = assertThrows(IOException.class, () -> export("{\"t\":0,\"type\":\"run\"}\n{oops\n",
                new PerfettoExport.Summary[1]));
        assertTrue(garbled.getMessage().startsWith("line 2 is not JSON"), garbled.getMessage());
    }
}
