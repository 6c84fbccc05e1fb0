package io.mycel.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.Op.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryJsonTest {

    @TempDir
    Path dir;

    @Test
    void historiesRoundTrip() throws IOException {
        History h = new HistoryBuilder()
                .invoke(0, "add", 2L, "n1").complete(0, Type.OK, "add", 2L)
                .invoke(1, "cas", List.of(1L, 2L), "n2").complete(1, Type.FAIL, "cas", List.of(1L, 2L))
                .invokeFinal(2, "n3").complete(2, Type.INFO, "read", null)
                .build();
        Path file = dir.resolve("history.jsonl");
        HistoryJson.write(h, file);
        assertEquals(h.ops(), HistoryJson.read(file).ops());
    }

    @Test
    void aBadLineIsReportedWithItsNumber() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"index\":0,\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"value\":null,\"time\":1}\n"
                + "{\"index\":1,\"process\":0,\"type\":\"done\",\"f\":\"read\",\"value\":null,\"time\":2}\n");
        IOException e = assertThrows(IOException.class, () -> HistoryJson.read(file));
        assertTrue(e.getMessage().contains("bad.jsonl:2: type: expected invoke, ok, fail or info"), e.getMessage());
    }
}
