package io.mycel.viz.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checker's failure (a stale read) is where "jump to failure" goes when no invariant broke before it. */
class RunFailureTest {

    @TempDir
    Path run;

    @Test
    void theOperationTheCheckerCouldNotPlaceIsTheFailure() throws Exception {
        Files.writeString(run.resolve("trace.jsonl"), Files.readString(TraceIndexTest.demo())
                + "{\"t\":910000,\"type\":\"send\",\"from\":\"@c1\",\"to\":\"n1\",\"id\":9,\"msg\":\"Request\",\"bytes\":9}\n");
        Files.writeString(run.resolve("history.jsonl"), """
                {"index":0,"process":3,"type":"invoke","f":"get","value":["k",null],"time":200000,"node":"n3"}
                {"index":1,"process":3,"type":"ok","f":"get","value":["k","1"],"time":250000,"node":"n3"}
                """);
        Files.writeString(run.resolve("verdict.json"), """
                {"checks":[{"check":"linearizable-kv","verdict":"fail","summary":"stale get",
                            "evidence":{"blocking":{"process":3,"invoke-line":1,"complete-line":2}}}]}
                """);
        TraceIndex index = TraceIndex.load(run.resolve("trace.jsonl"));
        assertEquals(900_000, index.failureMicros());
        RunFailure.mark(run, index);
        assertEquals(250_000, index.failureMicros());
        assertEquals("linearizable-kv: stale get", index.failure());
        // The client that sent a request is an endpoint of the trace, not one of the run's nodes.
        assertEquals(List.of("n1", "n2", "n3", "@c1"), index.nodes());
        assertEquals(List.of("n1", "n2", "n3"), index.servers());
    }
}
