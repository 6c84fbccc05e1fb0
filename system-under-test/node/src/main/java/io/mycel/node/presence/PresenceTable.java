package io.mycel.node.presence;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One node's presences at one moment: user to metadata, stamped with the node's epoch (raised at
 * every start) and a version (raised at every change). Only the node itself writes its table, so
 * tables of one origin are totally ordered by (epoch, version), and keeping the greatest per origin
 * is a join: the map of origins to tables is a state-based CRDT (a map of max-registers).
 *
 * <p>{@code beat} counts the origin's broadcasts within the epoch, heartbeats included: a copy of a
 * table already heard (a duplicate, a resend, a late relay) carries no news of the origin's life.
 */
record PresenceTable(long epoch, long version, long beat, SortedMap<String, String> entries) {

    static final PresenceTable EMPTY = new PresenceTable(0, 0, 0, new TreeMap<>());

    PresenceTable {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    /** True when this table is newer than {@code other}: a later epoch, or the same one and a later version. */
    boolean newerThan(PresenceTable other) {
        return epoch != other.epoch ? epoch > other.epoch : version > other.version;
    }

    byte[] encode() {
        WireWriter out = new WireWriter(32);
        out.writeVarLong(epoch).writeVarLong(version).writeVarLong(beat).writeVarLong(entries.size());
        for (Map.Entry<String, String> e : entries.entrySet()) {
            out.writeString(e.getKey()).writeString(e.getValue());
        }
        return out.toByteArray();
    }

    static PresenceTable decode(byte[] bytes) throws MalformedMessageException {
        WireReader in = new WireReader(bytes);
        long epoch = in.readVarLong();
        long version = in.readVarLong();
        long beat = in.readVarLong();
        int count = in.readLength(PresenceLimits.MAX_LOCAL_PRESENCES, "presences");
        TreeMap<String, String> entries = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String user = in.readString(PresenceLimits.MAX_USER_BYTES);
            if (entries.put(user, in.readString(PresenceLimits.MAX_META_BYTES)) != null) {
                throw new MalformedMessageException("user " + user + " appears twice in a presence table");
            }
        }
        if (in.remaining() != 0) {
            throw new MalformedMessageException(in.remaining() + " trailing bytes after a presence table");
        }
        return new PresenceTable(epoch, version, beat, entries);
    }
}
