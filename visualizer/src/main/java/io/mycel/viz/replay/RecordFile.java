package io.mycel.viz.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A trace file's records: each one's time, type and byte offset in parallel arrays (a million
 * records take some 30 MB), so the records at an instant are a binary search away, and the text
 * of any is read back by its offset: one record whole for the inspector, or a scan for a text from
 * one record on (a search over a million records reads the file once).
 */
final class RecordFile {

    private final Path file;
    private long[] times = new long[1024];
    private String[] types = new String[1024];
    private long[] offsets = new long[1024];
    private int size;

    RecordFile(Path file) {
        this.file = file;
    }

    /** The next record, as the file is read: at {@code t}, of {@code type}, starting at byte {@code offset}. */
    void add(long t, String type, long offset) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            types = Arrays.copyOf(types, size * 2);
            offsets = Arrays.copyOf(offsets, size * 2);
        }
        times[size] = t;
        types[size] = type.intern();
        offsets[size] = offset;
        size++;
    }

    /** The arrays trimmed, once the file is read. */
    void trim() {
        times = Arrays.copyOf(times, size);
        types = Arrays.copyOf(types, size);
        offsets = Arrays.copyOf(offsets, size);
    }

    int size() {
        return size;
    }

    long time(int record) {
        return times[record];
    }

    String type(int record) {
        return types[record];
    }

    /** The first record at or after {@code micros}, or {@link #size()}. */
    int at(long micros) {
        return TraceIndex.firstAtOrAfter(times, size, micros);
    }

    /** The full text of record {@code record}. */
    String text(int record) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            ch.position(offsets[record]);
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            ch.read(buf);
            String s = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }
    }

    /** The first record from {@code fromRecord} on whose text contains {@code query}, or -1. */
    int find(String query, int fromRecord) throws IOException {
        if (query.isEmpty() || fromRecord >= size) {
            return -1;
        }
        int record = Math.max(0, fromRecord);
        try (FileChannel ch = FileChannel.open(file);
             BufferedReader in = new BufferedReader(Channels.newReader(ch.position(offsets[record]), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while (record < size && (line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;   // the index skips blank lines too
                }
                if (line.contains(query)) {
                    return record;
                }
                record++;
            }
        }
        return -1;
    }
}
