package io.mycel.viz.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a run's JSON Lines files ({@code trace.jsonl}, {@code history.jsonl}) a record at a time,
 * skipping blank lines; a line that is not JSON is reported by its number.
 */
public final class JsonLines {

    /** Takes one record and the number of its line, from 1. */
    @FunctionalInterface
    public interface Handler {
        void record(long line, JsonNode record) throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {
    }

    public static void read(Path file, Handler handler) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            read(in, handler);
        }
    }

    public static void read(BufferedReader in, Handler handler) throws IOException {
        long line = 0;
        for (String text; (text = in.readLine()) != null; ) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode record;
            try {
                record = JSON.readTree(text);
            } catch (JsonProcessingException bad) {
                throw new IOException("line " + line + " is not JSON: " + bad.getOriginalMessage(), bad);
            }
            handler.record(line, record);
        }
    }
}
