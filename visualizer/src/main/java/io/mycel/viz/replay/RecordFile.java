package io.mycel.viz.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A trace file's records read back by their byte offsets: one record whole for the inspector, or
 * a scan for a text from one record on (a search over a million records reads the file once).
 */
record RecordFile(Path file, long[] offsets, int size) {

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
