package io.mycel.node.kv;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replicated map and the client sessions, changed only by committed commands, so every node
 * that applied the same prefix of the log holds the same state.
 *
 * <p>Sessions make a retried write apply once: each client has one request open at a time with
 * growing ids, so the machine keeps, per client, the id and result of its latest applied write. A
 * command with that id again (a retry that reached the log twice) gets the stored result without
 * taking effect; one with a lower id is stale and is ignored. The {@value #MAX_SESSIONS} clients
 * that wrote most recently are kept; sessions are part of the snapshot.
 */
final class KvStateMachine {

    static final int MAX_SESSIONS = 1024;

    private record Session(long requestId, KvResult result, long index) {
    }

    private final TreeMap<String, String> data = new TreeMap<>();
    private final TreeMap<NodeId, Session> sessions = new TreeMap<>();
    /** Sessions by the log index of their latest write, to forget the least recent one first. */
    private final TreeMap<Long, NodeId> sessionsByIndex = new TreeMap<>();

    /** Applies a committed write; returns its result, or null when it is a stale retry with no answer due. */
    KvResult apply(long index, KvCommand command) {
        Session session = sessions.get(command.client());
        if (session != null && command.requestId() <= session.requestId()) {
            return command.requestId() == session.requestId() ? session.result() : null;
        }
        KvResult result = execute(command.op());
        if (session != null) {
            sessionsByIndex.remove(session.index());
        }
        sessions.put(command.client(), new Session(command.requestId(), result, index));
        sessionsByIndex.put(index, command.client());
        if (sessions.size() > MAX_SESSIONS) {
            sessions.remove(sessionsByIndex.pollFirstEntry().getValue());
        }
        return result;
    }

    KvResult read(String key) {
        return new KvResult(true, data.get(key));
    }

    private KvResult execute(KvOp op) {
        switch (op.kind()) {
            case PUT -> data.put(op.key(), op.value());
            case DELETE -> data.remove(op.key());
            case CAS -> {
                String current = data.get(op.key());
                if (current == null ? op.expected() != null : !current.equals(op.expected())) {
                    return new KvResult(false, current);
                }
                data.put(op.key(), op.value());
            }
            case GET -> {
                return read(op.key());
            }
        }
        return new KvResult(true, null);
    }

    Map<String, String> data() {
        return java.util.Collections.unmodifiableMap(data);
    }

    byte[] snapshot() {
        WireWriter out = new WireWriter(64).writeVarLong(data.size());
        for (Map.Entry<String, String> e : data.entrySet()) {
            out.writeString(e.getKey()).writeString(e.getValue());
        }
        out.writeVarLong(sessions.size());
        for (Map.Entry<NodeId, Session> e : sessions.entrySet()) {
            Session s = e.getValue();
            out.writeNodeId(e.getKey()).writeVarLong(s.requestId()).writeVarLong(s.index()).writeBoolean(s.result().ok());
            KvCodec.writeNullable(out, s.result().value());
        }
        return out.toByteArray();
    }

    /** Replaces the state with a snapshot's; a malformed snapshot changes nothing. */
    void restore(byte[] snapshot) throws MalformedMessageException {
        TreeMap<String, String> newData = new TreeMap<>();
        TreeMap<NodeId, Session> newSessions = new TreeMap<>();
        WireReader in = new WireReader(snapshot);
        long keys = in.readVarLong();
        for (long i = 0; i < keys; i++) {
            newData.put(in.readString(KvCodec.MAX_KEY_BYTES), in.readString(KvCodec.MAX_VALUE_BYTES));
        }
        long clients = in.readVarLong();
        for (long i = 0; i < clients; i++) {
            NodeId client = in.readNodeId();
            long requestId = in.readVarLong();
            long index = in.readVarLong();
            boolean ok = in.readBoolean();
            newSessions.put(client, new Session(requestId, new KvResult(ok, KvCodec.readNullable(in)), index));
        }
        if (in.remaining() != 0) {
            throw new MalformedMessageException(in.remaining() + " trailing bytes after a kv snapshot");
        }
        data.clear();
        data.putAll(newData);
        sessions.clear();
        sessions.putAll(newSessions);
        sessionsByIndex.clear();
        newSessions.forEach((client, session) -> sessionsByIndex.put(session.index(), client));
    }
}
