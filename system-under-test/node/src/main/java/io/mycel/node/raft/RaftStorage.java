package io.mycel.node.raft;

import io.mycel.node.api.DurableStore;
import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/**
 * Raft's persistent state in the node's durable store: the current term and vote under one key
 * (so they are written together), one key per log entry (so an append writes only what is new),
 * and the latest snapshot. Nothing here syncs on its own: the caller syncs once per handler, before
 * any message that depends on the writes leaves the node, which is the rule that makes a vote or an
 * acknowledged entry survive a crash.
 *
 * <p>Writes are ordered so that any prefix of them is safe if a real store loses the rest: a
 * snapshot is written before the entries it replaces are deleted, and recovery ignores entries at
 * or below the snapshot.
 */
final class RaftStorage {

    static final String META_KEY = "raft/meta";
    static final String SNAPSHOT_KEY = "raft/snapshot";
    static final String LOG_PREFIX = "raft/log/";

    /** What a restarted node finds. */
    record Recovered(long term, NodeId votedFor, long snapshotIndex, long snapshotTerm,
                     Configuration snapshotConfiguration, byte[] snapshot, List<LogEntry> entries) {
    }

    private final DurableStore store;

    RaftStorage(DurableStore store) {
        this.store = store;
    }

    void saveTermAndVote(long term, NodeId votedFor) {
        WireWriter out = new WireWriter(32).writeVarLong(term).writeBoolean(votedFor != null);
        if (votedFor != null) {
            out.writeNodeId(votedFor);
        }
        store.put(META_KEY, out.toByteArray());
    }

    void append(List<LogEntry> entries) {
        for (LogEntry entry : entries) {
            WireWriter out = new WireWriter(16 + entry.data().length).writeVarLong(entry.term());
            RaftCodec.writeEntryBody(out, entry);
            store.put(logKey(entry.index()), out.toByteArray());
        }
    }

    /** Deletes the entry at {@code index} and every later one. */
    void truncateFrom(long index) {
        for (String key : List.copyOf(store.keys().tailSet(logKey(index)).headSet(LOG_PREFIX + Character.MAX_VALUE))) {
            store.delete(key);
        }
    }

    /** Writes the snapshot, then deletes the entries it covers. */
    void saveSnapshot(long index, long term, Configuration configuration, byte[] state) {
        byte[] voters = configuration.encode();
        store.put(SNAPSHOT_KEY, new WireWriter(32 + voters.length + state.length).writeVarLong(index).writeVarLong(term)
                .writeRaw(voters, 0, voters.length).writeBytes(state).toByteArray());
        for (String key : List.copyOf(store.keys().subSet(LOG_PREFIX, logKey(index + 1)))) {
            store.delete(key);
        }
    }

    void sync() {
        store.sync();
    }

    Recovered load() {
        try {
            long term = 0;
            NodeId votedFor = null;
            byte[] meta = store.get(META_KEY);
            if (meta != null) {
                WireReader in = new WireReader(meta);
                term = in.readVarLong();
                votedFor = in.readBoolean() ? in.readNodeId() : null;
            }
            long snapshotIndex = 0;
            long snapshotTerm = 0;
            byte[] snapshot = null;
            Configuration snapshotConfiguration = null;
            byte[] stored = store.get(SNAPSHOT_KEY);
            if (stored != null) {
                WireReader in = new WireReader(stored);
                snapshotIndex = in.readVarLong();
                snapshotTerm = in.readVarLong();
                snapshotConfiguration = Configuration.decode(in);
                snapshot = in.readBytes(RaftLimits.MAX_SNAPSHOT_BYTES);
            }
            List<LogEntry> entries = new ArrayList<>();
            SortedSet<String> keys = store.keys().subSet(logKey(snapshotIndex + 1), LOG_PREFIX + Character.MAX_VALUE);
            long expected = snapshotIndex + 1;
            for (String key : keys) {
                long index = Long.parseLong(key.substring(LOG_PREFIX.length()));
                if (index != expected) {
                    throw new IllegalStateException("stored log has a gap: entry " + index + " where " + expected + " was due");
                }
                WireReader in = new WireReader(store.get(key));
                entries.add(RaftCodec.readEntryBody(in, index, in.readVarLong()));
                expected++;
            }
            return new Recovered(term, votedFor, snapshotIndex, snapshotTerm, snapshotConfiguration, snapshot, entries);
        } catch (MalformedMessageException | NumberFormatException e) {
            throw new IllegalStateException("stored raft state is corrupt: " + e.getMessage(), e);
        }
    }

    /** Zero-padded to the width of Long.MAX_VALUE, so the store's sorted key order is index order. */
    static String logKey(long index) {
        String digits = Long.toString(index);
        return LOG_PREFIX + "0".repeat(19 - digits.length()) + digits;
    }
}
