package io.mycel.node.runtime;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The node's structured log: one JSON object per line, {@code {"t":..,"mono":..,"type":..,"node":..,...}},
 * with {@code t} in microseconds of the log's clock (Unix time for a real node) and {@code mono} the
 * machine's monotonic clock in microseconds. The notes a
 * process emits are logged as {@code note} records with the same fields as the simulator's trace,
 * so the harness merges node logs into the run's trace and the same checks read them.
 *
 * <p>Thread-safe: the event loop, the metrics endpoint and shutdown hooks may all log.
 */
public final class NodeLog implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();

    private final MonotonicClock clock;
    private final String node;
    private final JsonGenerator out;

    public NodeLog(OutputStream sink, MonotonicClock clock, String node) {
        this.clock = clock;
        this.node = node;
        try {
            this.out = JSON.createGenerator(sink, JsonEncoding.UTF8);
            this.out.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            this.out.setRootValueSeparator(null);   // one record per line, nothing between them but the newline
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logs one record; {@code fields} alternate names and values (strings, numbers, booleans, lists). */
    public synchronized void record(String type, Object... fields) {
        try {
            out.writeStartObject();
            out.writeNumberField("t", clock.nowMicros());
            // The machine's monotonic clock, shared by every process on it (containers included) and
            // never stepped: a harness on the same machine puts records on its timeline by this.
            out.writeNumberField("mono", System.nanoTime() / 1_000L);
            out.writeStringField("type", type);
            out.writeStringField("node", node);
            for (int i = 0; i + 1 < fields.length; i += 2) {
                out.writeFieldName((String) fields[i]);
                writeValue(fields[i + 1]);
            }
            out.writeEndObject();
            out.writeRaw('\n');
            out.flush();
        } catch (IOException e) {
            // A log that cannot be written must not stop the node; stderr is the last resort.
            System.err.println("mycel-node: cannot write the log: " + e);
        }
    }

    private void writeValue(Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof Long || value instanceof Integer) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            out.writeNumber(n.doubleValue());
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
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
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
