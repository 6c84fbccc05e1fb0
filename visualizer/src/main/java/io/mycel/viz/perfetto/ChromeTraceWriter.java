package io.mycel.viz.perfetto;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes Chrome trace-event JSON ({@code {"traceEvents": [...]}}), the format the Perfetto UI and
 * chrome://tracing open, streamed so a run of millions of events never sits in memory. Tracks are
 * (process, thread) pairs named once, when first used; times are microseconds, as in Mycel's traces.
 */
final class ChromeTraceWriter implements Closeable {

    /** A track: a thread of a process, in the trace-event model. */
    record Track(int pid, int tid) {
    }

    private final JsonGenerator out;
    private final Map<Track, String> named = new LinkedHashMap<>();
    private final Map<Integer, String> processes = new LinkedHashMap<>();
    private long events;

    ChromeTraceWriter(OutputStream stream) throws IOException {
        out = new JsonFactory().createGenerator(stream);
        out.writeStartObject();
        out.writeStringField("displayTimeUnit", "ms");
        out.writeArrayFieldStart("traceEvents");
    }

    long events() {
        return events;
    }

    /** Names a process (a group of tracks) the first time it is used. */
    void process(int pid, String name, int sortIndex) throws IOException {
        if (processes.putIfAbsent(pid, name) == null) {
            meta(pid, 0, "process_name", name);
            meta(pid, 0, "process_sort_index", sortIndex);
        }
    }

    /** Names a track the first time it is used; later calls do nothing. */
    void track(Track t, String name, int sortIndex) throws IOException {
        if (named.putIfAbsent(t, name) == null) {
            meta(t.pid(), t.tid(), "thread_name", name);
            meta(t.pid(), t.tid(), "thread_sort_index", sortIndex);
        }
    }

    private void meta(int pid, int tid, String what, Object value) throws IOException {
        out.writeStartObject();
        out.writeStringField("ph", "M");
        out.writeStringField("name", what);
        out.writeNumberField("pid", pid);
        out.writeNumberField("tid", tid);
        out.writeObjectFieldStart("args");
        if (value instanceof Integer i) {
            out.writeNumberField("sort_index", i);
        } else {
            out.writeStringField("name", (String) value);
        }
        out.writeEndObject();
        out.writeEndObject();
        events++;
    }

    /** A slice from {@code ts} lasting {@code dur} microseconds (0 for a point that flows can attach to). */
    void slice(Track t, String name, String category, long ts, long dur, Map<String, ?> args) throws IOException {
        begin("X", t, name, category, ts);
        out.writeNumberField("dur", dur);
        args(args);
        out.writeEndObject();
    }

    /** A mark at one instant, on its track, or across the whole trace when {@code global}. */
    void instant(Track t, String name, String category, long ts, boolean global, Map<String, ?> args) throws IOException {
        begin("i", t, name, category, ts);
        out.writeStringField("s", global ? "g" : "t");
        args(args);
        out.writeEndObject();
    }

    /** One end of an arrow between slices: {@code start} on the sending slice, else the receiving one. */
    void flow(Track t, String name, long id, long ts, boolean start) throws IOException {
        begin(start ? "s" : "f", t, name, "message", ts);
        out.writeNumberField("id", id);
        if (!start) {
            out.writeStringField("bp", "e");
        }
        out.writeEndObject();
    }

    /** A value over time, drawn as a counter track named {@code name} in its process. */
    void counter(int pid, String name, long ts, Map<String, ? extends Number> values) throws IOException {
        begin("C", new Track(pid, 0), name, "counter", ts);
        out.writeObjectFieldStart("args");
        for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
            out.writeNumberField(e.getKey(), e.getValue().doubleValue());
        }
        out.writeEndObject();
        out.writeEndObject();
    }

    private void begin(String ph, Track t, String name, String category, long ts) throws IOException {
        out.writeStartObject();
        out.writeStringField("ph", ph);
        out.writeStringField("name", name);
        out.writeStringField("cat", category);
        out.writeNumberField("ts", ts);
        out.writeNumberField("pid", t.pid());
        out.writeNumberField("tid", t.tid());
        events++;
    }

    private void args(Map<String, ?> args) throws IOException {
        if (args == null || args.isEmpty()) {
            return;
        }
        out.writeObjectFieldStart("args");
        for (Map.Entry<String, ?> e : args.entrySet()) {
            out.writeFieldName(e.getKey());
            Object v = e.getValue();
            if (v instanceof Number n) {
                out.writeNumber(n.toString());
            } else if (v instanceof Boolean b) {
                out.writeBoolean(b);
            } else {
                out.writeString(String.valueOf(v));
            }
        }
        out.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        out.writeEndArray();
        out.writeEndObject();
        out.close();
    }
}
