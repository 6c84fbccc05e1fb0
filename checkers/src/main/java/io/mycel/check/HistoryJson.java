package io.mycel.check;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lab's JSON form of a history: JSON Lines, one operation a line, e.g.
 * {@code {"index":3,"process":1,"type":"ok","f":"read","value":12,"time":1830,"node":"n2"}}
 * with {@code time} in microseconds, {@code "key"} on operations of a keyed store, and
 * {@code "final":true} on final reads.
 */
public final class HistoryJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HistoryJson() {
    }

    /** Streams operations to a file as they happen. */
    public static final class Writer implements Closeable {
        private final JsonGenerator out;

        public Writer(OutputStream stream) {
            try {
                out = new JsonFactory().createGenerator(stream, JsonEncoding.UTF8);
                out.setPrettyPrinter(new com.fasterxml.jackson.core.util.MinimalPrettyPrinter("\n"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public void write(Op op) {
            try {
                out.writeStartObject();
                out.writeNumberField("index", op.index());
                out.writeNumberField("process", op.process());
                out.writeStringField("type", op.type().jsonName());
                out.writeStringField("f", op.f());
                if (op.key() != null) {
                    out.writeFieldName("key");
                    writeValue(op.key());
                }
                out.writeFieldName("value");
                writeValue(op.value());
                out.writeNumberField("time", op.timeMicros());
                if (op.node() != null) {
                    out.writeStringField("node", op.node());
                }
                if (op.finalRead()) {
                    out.writeBooleanField("final", true);
                }
                out.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write history", e);
            }
        }

        private void writeValue(Object value) throws IOException {
            if (value == null) {
                out.writeNull();
            } else if (value instanceof Number n) {
                out.writeNumber(n.longValue());
            } else if (value instanceof List<?> list) {
                out.writeStartArray();
                for (Object item : list) {
                    writeValue(item);
                }
                out.writeEndArray();
            } else {
                out.writeString(value.toString());
            }
        }

        @Override
        public void close() {
            try {
                out.writeRaw('\n');
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static void write(History history, Path file) throws IOException {
        try (Writer writer = new Writer(Files.newOutputStream(file))) {
            for (Op op : history.ops()) {
                writer.write(op);
            }
        }
    }

    /** Reads a history; see {@link #readWithLines}. */
    public static History read(Path file) throws IOException {
        return readWithLines(file).history();
    }

    /**
     * A history and the line (from 1) of each of its operations: the file's non-blank lines.
     *
     * @param lines the source line of each entry of {@code history.ops()}, by position
     */
    public record Lines(History history, int[] lines) {
    }

    /** Reads a history, failing with {@code file:line: what was expected} on the first bad line. */
    public static Lines readWithLines(Path file) throws IOException {
        List<Op> ops = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    ops.add(parse(MAPPER.readTree(line)));
                    lines.add(lineNumber);
                } catch (JsonProcessingException e) {
                    throw new HistoryFileException(file, lineNumber, "not JSON: " + e.getOriginalMessage());
                } catch (IllegalArgumentException e) {
                    throw new HistoryFileException(file, lineNumber, e.getMessage());
                }
            }
        }
        int[] lineArray = lines.stream().mapToInt(Integer::intValue).toArray();
        try {
            return new Lines(new History(ops), lineArray);
        } catch (MalformedHistoryException e) {
            throw new HistoryFileException(file, lineArray[e.position()], e.getMessage());
        }
    }

    private static Op parse(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected an object per line");
        }
        String typeName = text(node, "type");
        Op.Type type;
        try {
            type = Op.Type.valueOf(typeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("type: expected invoke, ok, fail or info, got '" + typeName + "'");
        }
        return new Op(number(node, "index"), number(node, "process"), type, text(node, "f"),
                value(node.get("key")), value(node.get("value")), number(node, "time"),
                node.hasNonNull("node") ? node.get("node").asText() : null,
                node.path("final").asBoolean(false));
    }

    private static Object value(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isArray()) {
            List<Object> items = new ArrayList<>();
            v.forEach(item -> items.add(value(item)));
            return items;
        }
        return v.asText();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + ": expected a string");
        }
        return v.asText();
    }

    private static long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(field + ": expected a whole number");
        }
        return v.asLong();
    }
}
