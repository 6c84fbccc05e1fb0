package io.mycel.node.kv;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.registry.NameRegistry;
import io.mycel.node.registry.Owner;
import io.mycel.node.registry.Registration;
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
 *
 * <p>Locks with leases and fencing tokens, as Chubby's sequencers and etcd's lock revisions: a lock
 * is granted when it is free, its lease has run out, or its holder asks again; the token is the log
 * index of the granting command, so tokens only grow. Time here is the elapsed time between the
 * commands one leader stamped with its clock: it advances by the difference of two stamps of the
 * same term and stands still across a change of leader, so leaders whose clocks disagree (skew)
 * cannot make it jump, and a lease is only ever stretched (by the failover), never cut short. A
 * lease is still no proof of exclusion on its own (a holder may be paused past it): the protected resource is the fenced put, which refuses a
 * token lower than one it already accepted for its key, and any put without a token (0). A holder whose lease ran out can then no
 * longer act, whatever it believes.
 *
 * <p>The global process registry's table ({@link NameRegistry}) lives here too, changed by the
 * same log and kept in the same snapshot.
 */
final class KvStateMachine {

    static final int MAX_SESSIONS = 1024;

    private record Session(long requestId, KvResult result, long index) {
    }

    private record Lock(NodeId holder, long token, long expiresMicros) {
    }

    private final TreeMap<String, String> data = new TreeMap<>();
    private final TreeMap<NodeId, Session> sessions = new TreeMap<>();
    /** Sessions by the log index of their latest write, to forget the least recent one first. */
    private final TreeMap<Long, NodeId> sessionsByIndex = new TreeMap<>();
    private final TreeMap<String, Lock> locks = new TreeMap<>();
    /** Per key written by a fenced put, the highest token accepted. */
    private final TreeMap<String, Long> fences = new TreeMap<>();
    /** The global process registry's table. */
    private final NameRegistry registry = new NameRegistry();
    private final boolean checkFences;
    /** The machine's clock: elapsed leader time summed over terms. */
    private long nowMicros;
    /** The term and the latest stamp of the commands that last moved the clock. */
    private long stampTerm;
    private long lastStampMicros;

    /** @param checkFences false plants a bug: fenced puts ignore their token */
    KvStateMachine(boolean checkFences) {
        this.checkFences = checkFences;
    }

    /** Applies a committed write; returns its result, or null when it is a stale retry with no answer due. */
    KvResult apply(long index, long term, KvCommand command) {
        Session session = sessions.get(command.client());
        if (session != null && command.requestId() <= session.requestId()) {
            return command.requestId() == session.requestId() ? session.result() : null;
        }
        advanceClock(term, command.stampMicros());
        KvResult result = execute(index, command);
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

    private void advanceClock(long term, long stampMicros) {
        if (term != stampTerm) {
            stampTerm = term;   // a new leader's clock: its readings are not comparable with the last one's
            lastStampMicros = stampMicros;
        } else if (stampMicros > lastStampMicros) {
            nowMicros += stampMicros - lastStampMicros;
            lastStampMicros = stampMicros;
        }
    }

    KvResult read(String key) {
        return new KvResult(true, data.get(key));
    }

    private KvResult execute(long index, KvCommand command) {
        KvOp op = command.op();
        switch (op.kind()) {
            case ACQUIRE -> {
                Lock held = locks.get(op.key());
                if (held != null && !held.holder().equals(command.client()) && nowMicros < held.expiresMicros()) {
                    return new KvResult(false, null);
                }
                locks.put(op.key(), new Lock(command.client(), index, nowMicros + op.leaseMicros()));
                return new KvResult(true, Long.toString(index));
            }
            case RELEASE -> {
                Lock held = locks.get(op.key());
                if (held == null || held.token() != op.token()) {
                    return new KvResult(false, null);
                }
                locks.remove(op.key());
            }
            case FENCED_PUT -> {
                long fence = fences.getOrDefault(op.key(), 0L);
                if (op.token() == 0 || (checkFences && op.token() < fence)) {
                    return new KvResult(false, null);
                }
                fences.put(op.key(), Math.max(fence, op.token()));
                data.put(op.key(), op.value());
            }
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
            case REGISTER, UNREGISTER -> {
                Owner owner = op.owner();
                if (owner == null) {
                    return new KvResult(false, null);   // no node filled in the task: nothing to register
                }
                NameRegistry.Outcome outcome = op.kind() == KvOp.Kind.REGISTER
                        ? registry.register(op.key(), new Registration(owner, op.token()))
                        : registry.unregister(op.key(), owner);
                return new KvResult(outcome.ok(), outcome.answer());
            }
            case PURGE -> registry.purge(new Owner(NodeId.of(op.key()), op.token()));
            case WHEREIS -> {
                return whereis(op.key());
            }
            case ADD_VOTER, REMOVE_VOTER -> throw new IllegalStateException("a membership change is not a command: " + op);
        }
        return new KvResult(true, null);
    }

    /** Who holds a name of the process registry, as {@code node#incarnation.task}, or null. */
    KvResult whereis(String name) {
        Registration holder = registry.whereis(name);
        return new KvResult(true, holder == null ? null : holder.toString());
    }

    NameRegistry registry() {
        return registry;
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
        out.writeVarLong(locks.size());
        for (Map.Entry<String, Lock> e : locks.entrySet()) {
            out.writeString(e.getKey()).writeNodeId(e.getValue().holder()).writeVarLong(e.getValue().token())
                    .writeVarLong(e.getValue().expiresMicros());
        }
        out.writeVarLong(fences.size());
        for (Map.Entry<String, Long> e : fences.entrySet()) {
            out.writeString(e.getKey()).writeVarLong(e.getValue());
        }
        out.writeVarLong(nowMicros).writeVarLong(stampTerm).writeVarLong(lastStampMicros);
        registry.writeTo(out);
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
        TreeMap<String, Lock> newLocks = new TreeMap<>();
        long lockCount = in.readVarLong();
        for (long i = 0; i < lockCount; i++) {
            String name = in.readString(KvCodec.MAX_KEY_BYTES);
            newLocks.put(name, new Lock(in.readNodeId(), in.readVarLong(), in.readVarLong()));
        }
        TreeMap<String, Long> newFences = new TreeMap<>();
        long fenceCount = in.readVarLong();
        for (long i = 0; i < fenceCount; i++) {
            newFences.put(in.readString(KvCodec.MAX_KEY_BYTES), in.readVarLong());
        }
        long newNow = in.readVarLong();
        long newStampTerm = in.readVarLong();
        long newLastStamp = in.readVarLong();
        NameRegistry newRegistry = NameRegistry.readFrom(in, KvCodec.MAX_KEY_BYTES);
        if (in.remaining() != 0) {
            throw new MalformedMessageException(in.remaining() + " trailing bytes after a kv snapshot");
        }
        data.clear();
        data.putAll(newData);
        sessions.clear();
        sessions.putAll(newSessions);
        sessionsByIndex.clear();
        newSessions.forEach((client, session) -> sessionsByIndex.put(session.index(), client));
        locks.clear();
        locks.putAll(newLocks);
        fences.clear();
        fences.putAll(newFences);
        nowMicros = newNow;
        stampTerm = newStampTerm;
        lastStampMicros = newLastStamp;
        registry.replaceWith(newRegistry);
    }
}
