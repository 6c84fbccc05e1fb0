package io.mycel.check.format;

import io.mycel.check.HistoryFileException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.History;
import io.mycel.check.HistoryJson;
import io.mycel.check.Op;
import io.mycel.check.gen.HistoryGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFilesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsEdnVectorsSkippingCommentsAndNemesisOperationsAndKeepsLines() throws IOException {
        Path file = write("h.edn", """
                ; a comment
                [{:process 0, :type :invoke, :f :cas, :value [1 2]}
                 {:process :nemesis, :type :info, :f :start, :value nil}
                 {:process 0, :type :ok, :f :cas, :value [1 2] :time 5000}]
                """);
        LoadedHistory loaded = HistoryFiles.read(file);
        assertEquals(HistoryFormat.EDN, loaded.format());
        assertEquals(1, loaded.skipped());
        assertEquals(2, loaded.history().ops().size());
        Op ok = loaded.history().ops().get(1);
        assertEquals("cas", ok.f());
        assertEquals(List.of(1L, 2L), ok.value());
        assertEquals(5, ok.timeMicros());
        assertEquals(2, loaded.lineOf(0));
        assertEquals(4, loaded.lineOf(1));
    }

    @Test
    void readsOneEdnMapPerLineWithKeys() throws IOException {
        Path file = write("kv.txt", """
                {:process 0, :type :invoke, :f :append, :key "7", :value "x 0 0 y"}
                {:process 0, :type :ok, :f :append, :key "7", :value "x 0 0 y"}
                """);
        History history = HistoryFiles.read(file).history();
        assertEquals("7", history.operations().get(0).key());
    }

    @Test
    void readsJepsenLogLines() throws IOException {
        Path file = write("etcd.log", """
                INFO  jepsen.util - 3\t:invoke\t:cas\t[1 4]
                INFO  some.other - not an operation
                INFO  jepsen.util - 3\t:fail\t:cas\t[1 4]
                """);
        LoadedHistory loaded = HistoryFiles.read(file);
        assertEquals(HistoryFormat.JEPSEN_LOG, loaded.format());
        assertEquals(Op.Type.FAIL, loaded.history().ops().get(1).type());
        assertEquals(3, loaded.lineOf(1));
    }

    @Test
    void ednRoundTripKeepsEveryOperation() throws IOException {
        History history = HistoryGenerator.generate(HistoryGenerator.Shape.c50Like(1), 7);
        Path file = dir.resolve("round.edn");
        EdnHistory.write(history, file);
        History back = HistoryFiles.read(file).history();
        assertEquals(history.ops().size(), back.ops().size());
        for (int i = 0; i < history.ops().size(); i++) {
            Op a = history.ops().get(i);
            Op b = back.ops().get(i);
            assertEquals(List.of(a.process(), a.type(), a.f(), String.valueOf(a.key()), String.valueOf(a.value())),
                    List.of(b.process(), b.type(), b.f(), String.valueOf(b.key()), String.valueOf(b.value())), "entry " + i);
        }
    }

    @Test
    void jsonFormIsDetectedAndLinesCounted() throws IOException {
        History history = HistoryGenerator.generate(HistoryGenerator.Shape.etcdLike(1), 3);
        Path file = dir.resolve("h.jsonl");
        HistoryJson.write(history, file);
        LoadedHistory loaded = HistoryFiles.read(file);
        assertEquals(HistoryFormat.JSON, loaded.format());
        assertEquals(history.ops().size(), loaded.history().ops().size());
        assertEquals(5, loaded.lineOf(4));
    }

    private void assertBad(String name, String text, int line, String expected) throws IOException {
        Path file = write(name, text);
        HistoryFileException e = assertThrows(HistoryFileException.class, () -> HistoryFiles.read(file));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ":" + line + ": "), e.getMessage());
        assertTrue(e.problem().contains(expected), e.getMessage());
    }

    @Test
    void malformedFilesNameTheLineAndWhatWasExpected() throws IOException {
        assertBad("type.edn", "[{:process 0, :type :invoke, :f :read}\n {:process 0, :type :done, :f :read}]\n", 2,
                ":type: expected :invoke, :ok, :fail or :info");
        assertBad("process.edn", "{:type :invoke, :f :read}\n", 1, ":process: expected a process number");
        assertBad("f.edn", "{:process 1, :type :invoke}\n", 1, ":f: expected the operation's name");
        assertBad("open.edn", "[{:process 1, :type :invoke, :f :read}\n", 2, "expected ']'");
        assertBad("syntax.edn", "[{:process 1, :type :invoke, :f :read}\n {:process 1 :type}]\n", 2, "not valid EDN");
        assertBad("notamap.edn", "[{:process 1, :type :invoke, :f :read}\n 42]\n", 2, "expected an operation map");
        assertBad("pairing.edn", "[{:process 1, :type :invoke, :f :read}\n {:process 1, :type :invoke, :f :read}]\n", 2,
                "is still open");
        assertBad("orphan.edn", "[{:process 1, :type :ok, :f :read, :value 3}]\n", 1, "has no operation open");
        assertBad("log.log", "INFO  jepsen.util - 1\t:invoke\t:read\tnil\nINFO  jepsen.util - garbage\n", 2,
                "expected PROCESS<tab>:TYPE<tab>:F<tab>VALUE");
        assertBad("json.jsonl", "{\"index\":0,\"process\":1,\"type\":\"invoke\",\"f\":\"read\",\"value\":null,\"time\":0}\n"
                + "{\"index\":1,\"process\":1,\"type\":\"maybe\",\"f\":\"read\",\"value\":null,\"time\":1}\n", 2,
                "type: expected invoke, ok, fail or info");
    }
}
