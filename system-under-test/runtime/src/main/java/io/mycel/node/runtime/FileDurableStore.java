package io.mycel.node.runtime;

import io.mycel.node.api.DurableStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/**
 * The durable store on a real disk: an append-only log of puts and deletes in one file, made
 * durable by {@code fsync}.
 *
 * <p>Writes are held in memory until {@link #sync()}, which appends them as one batch and forces
 * the file to the device. So a crash (kill -9, a power cut) loses exactly what was not synced, as
 * in simulation; the page cache cannot keep an unsynced write alive by accident.
 *
 * <p>Each record carries its length and a CRC32C. On open, the log is read up to the first record
 * that is incomplete or fails its checksum (a sync cut short by a power cut) and cut there, so a
 * torn tail costs only the batch being written when the power went. When the log holds more than
 * {@value #COMPACT_FACTOR} times the live data (and at least {@value #COMPACT_MIN_BYTES} bytes), a
 * sync rewrites it as a snapshot: written to a temporary file, forced, renamed over the log, and
 * the directory forced, so a crash at any point leaves either the old log or the new one.
 *
 * <p>Not thread-safe: the node's event-loop thread is its only user.
 */
public final class FileDurableStore implements DurableStore, AutoCloseable {

    static final String LOG_FILE = "store.log";
    private static final String SNAPSHOT_FILE = "store.log.tmp";
    private static final byte PUT = 1;
    private static final byte DELETE = 2;
    /** Record header: length of the body (int), CRC32C of the body (int). */
    private static final int HEADER = 8;
    private static final int MAX_RECORD = 64 << 20;
    static final int COMPACT_FACTOR = 4;
    static final long COMPACT_MIN_BYTES = 1 << 20;

    private final Path dir;
    private final long compactMinBytes;
    private final TreeMap<String, byte[]> live = new TreeMap<>();
    /** Writes since the last sync, in order; a null value is a delete. */
    private final List<Object[]> pending = new ArrayList<>();
    private FileChannel log;
    private long logBytes;
    private long liveBytes;
    private long syncs;
    /** With group commit: what the host calls when a sync is first requested, else null. */
    private Runnable onSyncRequested;
    /** With group commit: how many pending writes the requested syncs cover. */
    private int requestedUpTo;
    private long compactions;
    private long tornBytesDropped;

    private FileDurableStore(Path dir, long compactMinBytes) {
        this.dir = dir;
        this.compactMinBytes = compactMinBytes;
    }

    /** Opens (or creates) the store in {@code dir}, recovering what the last run synced. */
    public static FileDurableStore open(Path dir) {
        return open(dir, COMPACT_MIN_BYTES);
    }

    /** As {@link #open(Path)}, compacting once the log passes {@code compactMinBytes} (tests compact small logs). */
    static FileDurableStore open(Path dir, long compactMinBytes) {
        FileDurableStore store = new FileDurableStore(dir, compactMinBytes);
        try {
            Files.createDirectories(dir);
            store.recover();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the durable store in " + dir, e);
        }
        return store;
    }

    @Override
    public byte[] get(String key) {
        byte[] value = live.get(key);
        return value == null ? null : value.clone();
    }

    @Override
    public void put(String key, byte[] value) {
        byte[] copy = value.clone();
        adjustLive(key, copy);
        pending.add(new Object[] {key, copy});
    }

    @Override
    public void delete(String key) {
        if (live.containsKey(key)) {
            adjustLive(key, null);
            pending.add(new Object[] {key, null});
        }
    }

    @Override
    public SortedSet<String> keys() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(live.keySet()));
    }

    @Override
    public void sync() {
        if (onSyncRequested == null) {
            commit(pending.size());
            return;
        }
        if (requestedUpTo < pending.size()) {
            boolean first = requestedUpTo == 0;
            requestedUpTo = pending.size();
            if (first) {
                onSyncRequested.run();
            }
        }
    }

    /**
     * Group commit: from now on {@link #sync()} only asks for a sync, calling {@code onSyncRequested}
     * when the first request of a batch comes, and {@link #commit()} makes every requested sync at
     * once with one fsync. The host must call {@code commit()} before anything the node sent since the
     * request leaves the machine, so no one can see an effect of a write that a crash could still lose:
     * to the outside, a crash before the commit is a crash before the syncs it would have made.
     */
    public void deferSyncs(Runnable onSyncRequested) {
        this.onSyncRequested = onSyncRequested;
    }

    /** Makes durable every write up to the last {@link #sync()} request; later writes stay pending. */
    public void commit() {
        int upTo = requestedUpTo;
        requestedUpTo = 0;
        commit(upTo);
    }

    private void commit(int count) {
        if (count == 0) {
            return;
        }
        try {
            List<Object[]> head = pending.subList(0, count);
            ByteBuffer batch = encode(head);
            head.clear();
            while (batch.hasRemaining()) {
                logBytes += log.write(batch);
            }
            log.force(false);
            syncs++;
            if (logBytes > compactMinBytes && logBytes > COMPACT_FACTOR * Math.max(liveBytes, 1)) {
                compact();
            }
        } catch (IOException e) {
            // A disk that cannot sync must stop the node: acknowledging on top of it would lie.
            throw new UncheckedIOException("fsync of " + dir.resolve(LOG_FILE) + " failed", e);
        }
    }

    /** How many fsyncs reached the device since open (with group commit, fewer than sync requests). */
    public long syncs() {
        return syncs;
    }

    /** How many times the log was rewritten as a snapshot since open. */
    public long compactions() {
        return compactions;
    }

    /** Bytes of a torn tail cut off when the store was opened (0 after a clean shutdown). */
    public long tornBytesDropped() {
        return tornBytesDropped;
    }

    @Override
    public void close() {
        try {
            // What was requested is committed on a clean stop; on a kill, nothing here runs.
            if (requestedUpTo > 0) {
                commit();
            }
            log.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void adjustLive(String key, byte[] value) {
        byte[] old = value == null ? live.remove(key) : live.put(key, value);
        if (old != null) {
            liveBytes -= key.length() + old.length;
        }
        if (value != null) {
            liveBytes += key.length() + value.length;
        }
    }

    private void recover() throws IOException {
        Files.deleteIfExists(dir.resolve(SNAPSHOT_FILE));
        Path file = dir.resolve(LOG_FILE);
        log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long size = log.size();
        ByteBuffer all = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE));
        while (all.hasRemaining() && log.read(all) >= 0) {
            // read the whole log; it is compacted long before it nears 2 GiB
        }
        all.flip();
        long good = 0;
        while (all.remaining() >= HEADER) {
            int length = all.getInt();
            int crc = all.getInt();
            if (length < 0 || length > MAX_RECORD || length > all.remaining()) {
                break;
            }
            byte[] body = new byte[length];
            all.get(body);
            if (crc32c(body) != crc || !apply(body)) {
                break;
            }
            good = all.position();
        }
        tornBytesDropped = size - good;
        if (tornBytesDropped > 0) {
            log.truncate(good);
            log.force(true);
        }
        logBytes = good;
        log.position(good);
    }

    /** Applies one record read back from the log; false when it does not parse. */
    private boolean apply(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        if (in.remaining() < 3) {
            return false;
        }
        byte kind = in.get();
        int keyLength = in.getShort() & 0xFFFF;
        if (keyLength > in.remaining()) {
            return false;
        }
        String key = new String(body, 3, keyLength, StandardCharsets.UTF_8);
        in.position(3 + keyLength);
        if (kind == PUT) {
            adjustLive(key, Arrays.copyOfRange(body, in.position(), body.length));
            return true;
        }
        if (kind == DELETE && !in.hasRemaining()) {
            adjustLive(key, null);
            return true;
        }
        return false;
    }

    private static ByteBuffer encode(List<Object[]> writes) {
        List<byte[]> bodies = new ArrayList<>(writes.size());
        int total = 0;
        for (Object[] write : writes) {
            byte[] key = ((String) write[0]).getBytes(StandardCharsets.UTF_8);
            if (key.length > 0xFFFF) {
                throw new IllegalArgumentException("a store key longer than 65535 bytes: " + ((String) write[0]).substring(0, 40) + "...");
            }
            byte[] value = (byte[]) write[1];
            ByteBuffer body = ByteBuffer.allocate(3 + key.length + (value == null ? 0 : value.length));
            body.put(value == null ? DELETE : PUT).putShort((short) key.length).put(key);
            if (value != null) {
                body.put(value);
            }
            bodies.add(body.array());
            total += HEADER + body.capacity();
        }
        ByteBuffer batch = ByteBuffer.allocate(total);
        for (byte[] body : bodies) {
            batch.putInt(body.length).putInt(crc32c(body)).put(body);
        }
        return batch.flip();
    }

    private void compact() throws IOException {
        Path tmp = dir.resolve(SNAPSHOT_FILE);
        List<Object[]> snapshot = new ArrayList<>(live.size());
        live.forEach((key, value) -> snapshot.add(new Object[] {key, value}));
        ByteBuffer all = encode(snapshot);
        long written = 0;
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            while (all.hasRemaining()) {
                written += out.write(all);
            }
            out.force(true);
        }
        log.close();
        Files.move(tmp, dir.resolve(LOG_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
        log = FileChannel.open(dir.resolve(LOG_FILE), StandardOpenOption.READ, StandardOpenOption.WRITE);
        log.position(written);
        logBytes = written;
        compactions++;
    }

    /** Makes a rename durable: on Linux a directory opened for reading can be forced. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open directories; the rename is then as durable as they make it.
        }
    }

    private static int crc32c(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return (int) crc.getValue();
    }
}
