package io.mycel.viz.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report from a hand-made run folder: what it draws, counted in its SVG, and that it stands alone. */
class RunReportTest {

    @TempDir
    Path dir;

    private void runFolder() throws IOException {
        Files.writeString(dir.resolve("verdict.json"), """
                {"scenario":"demo","seed":3,"verdict":"fail","replay":"./mycel run demo.yaml --seed 3","checks":[
                 {"check":"linearizable-kv","verdict":"fail","summary":"not linearizable <stale>",
                  "evidence":{"blocking":{"process":2,"f":"get","invoke-line":5,"complete-line":6},
                              "linearized-prefix":[{"process":1,"invoke-line":1,"complete-line":2},
                                                   {"process":3,"invoke-line":3,"complete-line":4}],
                              "minimal":[{"process":3,"invoke-line":3,"complete-line":4},
                                         {"process":2,"invoke-line":5,"complete-line":6}]}},
                 {"check":"raft-safety","verdict":"pass","summary":"held after every event","evidence":{}}]}
                """);
        Files.writeString(dir.resolve("history.jsonl"), """
                {"index":0,"process":1,"type":"invoke","f":"put","value":["k","1"],"time":100000,"node":"n1"}
                {"index":1,"process":1,"type":"ok","f":"put","value":["k","1"],"time":150000,"node":"n1"}
                {"index":2,"process":3,"type":"invoke","f":"put","value":["k","2"],"time":200000,"node":"n2"}
                {"index":3,"process":3,"type":"info","f":"put","value":["k","2"],"time":900000,"node":"n2"}
                {"index":4,"process":2,"type":"invoke","f":"get","value":["k",null],"time":1000000,"node":"n3"}
                {"index":5,"process":2,"type":"ok","f":"get","value":["k","1"],"time":1040000,"node":"n3"}
                {"index":6,"process":4,"type":"invoke","f":"get","value":["k",null],"time":1500000,"node":"n1"}
                """);
        Files.writeString(dir.resolve("trace.jsonl"), """
                {"t":0,"type":"run","scenario":"demo","seed":3,"nodes":["n1","n2","n3"]}
                {"t":300000,"type":"partition","groups":[["n1"],["n2","n3"]]}
                {"t":400000,"type":"crash","node":"n2","lostWrites":0}
                {"t":500000,"type":"energy","node":"n1","soc":0.9,"harvest":0,"load":0.2}
                {"t":600000,"type":"restart","node":"n2","incarnation":2}
                {"t":800000,"type":"heal"}
                {"t":900000,"type":"sleep","node":"n1"}
                {"t":950000,"type":"wake","node":"n1"}
                {"t":1100000,"type":"cut","from":["n3"],"to":["n1"]}
                {"t":1200000,"type":"heal"}
                {"t":1300000,"type":"brown-out","node":"n2"}
                {"t":1400000,"type":"power-restored","node":"n2"}
                {"t":1500000,"type":"energy","node":"n1","soc":0.8,"harvest":0,"load":0.2}
                {"t":2000000,"type":"pause","node":"n3"}
                """);
    }

    private static int count(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void theReportDrawsOperationsSpellsChargeAndTheFailingOperation() throws IOException {
        runFolder();
        String html = Files.readString(RunReport.write(dir));
        assertTrue(html.contains("demo seed 3 <span class=\"verdict fail\">FAIL</span>"), html);
        assertTrue(html.contains("not linearizable &lt;stale&gt;"), "text is escaped");
        // Three operations completed (ok, info, ok): three points; the get never answered is not drawn.
        assertEquals(3, count(html, "<circle class=\"op "));
        assertEquals(2, count(html, "<circle class=\"op ok\""));
        // The blocking get and the minimal evidence are ringed, not the whole prefix the checker could place.
        assertEquals(2, count(html, "<circle class=\"failing\""), "the get and the one put of the minimal evidence");
        assertTrue(html.contains("failing: process 2 get [\"k\",null] -&gt; ok [\"k\",\"1\"]".replace("\"", "&quot;")), html);
        // Spells on both time charts and the energy chart: the partition, down, asleep, the one-way cut,
        // browned out, and the pause to the end.
        assertEquals(6 * 3, count(html, "<rect class=\"spell\""));
        assertTrue(html.contains("down n2 from 0.400 s to 0.600 s"));
        assertTrue(html.contains("partitioned from 0.300 s to 0.800 s"));
        assertTrue(html.contains("asleep n1 from 0.900 s to 0.950 s"));
        assertTrue(html.contains("partitioned from 1.100 s to 1.200 s"));
        assertTrue(html.contains("browned out n2 from 1.300 s to 1.400 s"));
        assertTrue(html.contains("paused n3 from 2.000 s to 2.000 s"));
        // One charge line for the one node on a battery, and a throughput line.
        assertEquals(2, count(html, "<polyline class=\"series\""));
        assertTrue(html.contains("<table id=\"failing\">"));
        assertTrue(html.contains("<td>5</td><td>2</td><td>n3</td>"), "the failing operation's history line, process and node");
        assertTrue(html.indexOf("<td>5</td><td>2</td>") < html.indexOf("<td>3</td><td>3</td>"), "the blocking one first, then the evidence");
        assertFalse(html.contains("<td>1</td><td>1</td><td>n1</td>"), "not the prefix the checker placed");
        // Self-contained: nothing fetched, no script.
        assertFalse(html.contains("http://") && !html.contains("xmlns=\"http://www.w3.org/2000/svg\""));
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("src="));
    }

    @Test
    void aPassingRunWithoutBatteriesHasNoEnergyNorFailingSection() throws IOException {
        Files.writeString(dir.resolve("verdict.json"), """
                {"scenario":"calm","seed":1,"verdict":"pass","checks":[{"check":"counter","verdict":"pass","summary":"ok"}]}
                """);
        Files.writeString(dir.resolve("history.jsonl"), """
                {"index":0,"process":0,"type":"invoke","f":"add","value":1,"time":10,"node":"n1"}
                {"index":1,"process":0,"type":"ok","f":"add","value":1,"time":20,"node":"n1"}
                """);
        Files.writeString(dir.resolve("trace.jsonl"), "{\"t\":0,\"type\":\"run\",\"nodes\":[\"n1\"]}\n");
        String html = Files.readString(RunReport.write(dir));
        assertFalse(html.contains("id=\"energy\""));
        assertFalse(html.contains("id=\"failing\""));
        assertEquals(1, count(html, "<circle class=\"op ok\""));
    }
}
