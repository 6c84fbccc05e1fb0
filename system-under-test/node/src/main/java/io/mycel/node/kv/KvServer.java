package io.mycel.node.kv;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import io.mycel.node.kv.KvMessages.Forwarded;
import io.mycel.node.kv.KvMessages.ForwardedReply;
import io.mycel.node.kv.KvMessages.Reply;
import io.mycel.node.kv.KvMessages.Request;
import io.mycel.node.raft.LogEntry;
import io.mycel.node.raft.RaftBug;
import io.mycel.node.raft.RaftConfig;
import io.mycel.node.raft.RaftHolder;
import io.mycel.node.raft.RaftMessages.RaftMessage;
import io.mycel.node.raft.RaftNode;
import io.mycel.node.raft.RaftService;
import io.mycel.node.raft.Role;
import io.mycel.node.raft.VoterChange;
import io.mycel.node.registry.NameRegistry;
import io.mycel.node.registry.Owner;
import io.mycel.node.registry.RegistryMember;
import java.util.Map;
import java.util.TreeMap;

/**
 * A linearizable key-value store on Raft: writes (put, cas, delete) go through the log; gets are
 * read-index reads, served by the leader once it has confirmed its leadership and applied what was
 * committed when the get came.
 *
 * <p>Any node takes requests. A follower passes them to the leader it knows ({@link Forwarded}) and
 * hands the leader's answer ({@link ForwardedReply}) back to the client. Every request waits in
 * {@code pending} until it is answered or expires: every {@code retry-interval} a request not yet
 * answered is tried again, at the leader known now, so a request survives a leader change. A
 * write retried after it already reached the log is applied once, by the state machine's sessions.
 * Nothing is ever answered as failed unless it certainly had no effect; a request that expires gets
 * no answer, and the client records it as indeterminate.
 */
final class KvServer implements Process, RaftService, RaftHolder {

    static final String RETRY_TIMER = "kv-retry";
    /** Requests waiting at one node; more are dropped unanswered (the client times out). */
    static final int MAX_PENDING = 4096;

    private record Key(NodeId client, long requestId) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = client.compareTo(o.client);
            return c != 0 ? c : Long.compare(requestId, o.requestId);
        }
    }

    /** A request not answered yet; {@code via} is the follower that forwarded it, or null for a client's own. */
    private static final class Pending {
        final NodeId client;
        final Request request;
        final NodeId via;
        final long expiresMicros;
        long lastTriedMicros;
        /** The term in which this node, as leader, proposed or read it; 0 when it has not. */
        long startedInTerm;
        long readToken;

        Pending(NodeId client, Request request, NodeId via, long expiresMicros) {
            this.client = client;
            this.request = request;
            this.via = via;
            this.expiresMicros = expiresMicros;
        }

        Key key() {
            return new Key(client, request.requestId());
        }
    }

    private final RaftNode raft;
    private final KvStateMachine machine;
    private final long retryIntervalMicros;
    private final long requestTimeoutMicros;
    private final TreeMap<Key, Pending> pending = new TreeMap<>();
    private final Map<Long, Key> reads = new TreeMap<>();
    /** A membership change this node appended as leader: answered when its own entry applies. */
    private record AppendedChange(Key request, long term) {
    }

    /** Membership changes this node appended as leader, by log index. */
    private final Map<Long, AppendedChange> changes = new TreeMap<>();
    private final RegistryMember member;
    private NodeId self;
    private long nextReadToken;
    private long dropped;

    KvServer(RaftConfig config, long retryIntervalMicros, long requestTimeoutMicros) {
        this.raft = new RaftNode(config, this);
        this.machine = new KvStateMachine(config.bug() != RaftBug.UNFENCED_WRITES);
        this.member = new RegistryMember(config.bug() != RaftBug.NAMES_OUTLIVE_TASKS);
        this.retryIntervalMicros = retryIntervalMicros;
        this.requestTimeoutMicros = requestTimeoutMicros;
    }

    @Override
    public RaftNode raft() {
        return raft;
    }

    /** The replicated map as this node has applied it, for tests. */
    Map<String, String> data() {
        return machine.data();
    }

    /** The process registry's table as this node has applied it, for tests. */
    NameRegistry registryTable() {
        return machine.registry();
    }

    @Override
    public void onStart(NodeContext ctx) {
        self = ctx.self();
        raft.onStart(ctx);
        ctx.setTimer(RETRY_TIMER, retryIntervalMicros);
        if (member.start(ctx)) {
            // Release the names this node's earlier lives held: asked as this node's own request, kept until it applies.
            Owner owner = member.owner();
            Pending purge = new Pending(self, new Request(owner.incarnation(), KvOp.purge(owner)), null, Long.MAX_VALUE);
            pending.put(purge.key(), purge);
            serve(ctx, purge);
        }
    }

    @Override
    public void onMessage(NodeContext ctx, NodeId from, Message message) {
        if (message instanceof RaftMessage m) {
            raft.onMessage(ctx, from, m);
        } else if (message instanceof Request m) {
            accept(ctx, from, m, null);
        } else if (message instanceof Forwarded m) {
            if (raft.role() == Role.LEADER) {
                accept(ctx, m.client(), m.request(), from);
            }
            // Not the leader (any more): the forwarder tries again at the leader it learns of.
        } else if (message instanceof ForwardedReply m) {
            Pending p = pending.remove(new Key(m.client(), m.reply().requestId()));
            if (p != null) {
                answer(ctx, p, m.reply());
            }
        } else {
            ctx.emit("unexpected-message", message.typeName() + " from " + from);
        }
    }

    @Override
    public void onTimer(NodeContext ctx, TimerId timer) {
        if (raft.onTimer(ctx, timer)) {
            return;
        }
        if (!timer.name().equals(RETRY_TIMER)) {
            throw new IllegalStateException("unknown timer " + timer);
        }
        long now = ctx.nowMicros();
        for (Pending p : pending.values().toArray(new Pending[0])) {
            if (now >= p.expiresMicros) {
                pending.remove(p.key());
                reads.remove(p.readToken);
            } else if (now - p.lastTriedMicros >= retryIntervalMicros) {
                serve(ctx, p);
            }
        }
        member.observe(ctx, machine.registry());   // a snapshot installed may have brought the release
        ctx.setTimer(RETRY_TIMER, retryIntervalMicros);
    }

    private void accept(NodeContext ctx, NodeId client, Request request, NodeId via) {
        if (request.op().kind() == KvOp.Kind.LOCAL_GET) {
            // Metadata-table read: this node's own state, at once, with how stale it may be.
            long freshAsOf = raft.freshAsOfMicros();
            long stale = freshAsOf == Long.MIN_VALUE ? -1 : Math.max(0, ctx.nowMicros() - freshAsOf);
            String value = machine.read(request.op().key()).value();
            answer(ctx, client, via, new Reply(request.requestId(), true, request.op().key(), value, stale));
            return;
        }
        Key key = new Key(client, request.requestId());
        if (pending.containsKey(key)) {
            return;   // a duplicate of a request in progress
        }
        if (pending.size() >= MAX_PENDING) {
            dropped++;
            ctx.emit("kv-request-dropped", "pending requests at their bound " + MAX_PENDING + " (" + dropped + " dropped)");
            return;
        }
        if (via == null && request.op().kind().isRegistryChange()) {
            request = new Request(request.requestId(), request.op().kind() == KvOp.Kind.REGISTER
                    ? KvOp.registerTo(request.op().key(), member.newTask())
                    : KvOp.unregisterBy(request.op().key(), member.owner()));   // the task is this node's
        }
        Pending p = new Pending(client, request, via, ctx.nowMicros() + requestTimeoutMicros);
        pending.put(key, p);
        serve(ctx, p);
    }

    /** Moves a request on: as leader, into the log or a read; else to the leader known, if any. */
    private void serve(NodeContext ctx, Pending p) {
        p.lastTriedMicros = ctx.nowMicros();
        if (raft.role() == Role.LEADER) {
            if (p.startedInTerm == raft.term()) {
                return;   // already in this leader's log or reads: it completes or the term ends
            }
            p.startedInTerm = raft.term();
            if (p.request.op().kind().isMembership()) {
                changeVoters(ctx, p);
            } else if (p.request.op().kind().isWrite()) {
                KvCommand command = new KvCommand(p.client, p.request.requestId(), p.request.op(), ctx.nowMicros());
                if (raft.propose(ctx, command.encode()) < 0) {
                    p.startedInTerm = 0;
                }
            } else {
                reads.remove(p.readToken);
                p.readToken = ++nextReadToken;
                reads.put(p.readToken, p.key());
                if (!raft.read(ctx, p.readToken)) {
                    reads.remove(p.readToken);
                    p.startedInTerm = 0;
                }
            }
            return;
        }
        NodeId leader = raft.leader();
        if (p.via != null) {
            // Forwarded to a node that no longer leads: the forwarder retries, so drop it here.
            pending.remove(p.key());
            reads.remove(p.readToken);
        } else if (leader != null) {
            ctx.send(leader, new Forwarded(p.client, p.request));
        }
    }

    private void changeVoters(NodeContext ctx, Pending p) {
        KvOp op = p.request.op();
        VoterChange change;
        try {
            change = raft.changeVoters(ctx, NodeId.of(op.key()), op.kind() == KvOp.Kind.ADD_VOTER);
        } catch (IllegalArgumentException e) {
            change = new VoterChange(VoterChange.Outcome.REFUSED, -1);   // not a valid node name
        }
        switch (change.outcome()) {
            case APPENDED -> changes.put(change.index(), new AppendedChange(p.key(), raft.term()));
            case UNCHANGED -> finish(ctx, p, true);
            case REFUSED -> finish(ctx, p, false);
            case BUSY, NOT_LEADER -> p.startedInTerm = 0;   // tried again at the next retry
        }
    }

    private void finish(NodeContext ctx, Pending p, boolean applied) {
        pending.remove(p.key());
        answer(ctx, p, new Reply(p.request.requestId(), applied, null, null));
    }

    // ---------------------------------------------------------------- RaftService

    @Override
    public void apply(NodeContext ctx, LogEntry entry) {
        AppendedChange change = changes.remove(entry.index());
        if (change != null) {
            Pending p = pending.get(change.request());
            if (p != null && entry.kind() == LogEntry.Kind.CONFIGURATION && entry.term() == change.term()) {
                finish(ctx, p, true);   // the very entry this node appended (an index and term name one entry)
            } else if (p != null) {
                p.startedInTerm = 0;   // another leader's entry took the index: this change was truncated away, try again
            }
        }
        if (!entry.isCommand()) {
            return;
        }
        KvCommand command = KvCommand.decode(entry.data());
        KvResult result = machine.apply(entry.index(), entry.term(), command);
        member.observe(ctx, machine.registry());
        Pending p = pending.remove(new Key(command.client(), command.requestId()));
        if (p != null && result != null) {
            // A lock's answer names the lock and the token; a registry change's the name and its holder.
            KvOp.Kind kind = command.op().kind();
            boolean named = kind == KvOp.Kind.ACQUIRE || kind.isRegistryChange();
            answer(ctx, p, new Reply(command.requestId(), result.ok(), named ? command.op().key() : null, named ? result.value() : null));
        }
    }

    @Override
    public byte[] snapshot() {
        return machine.snapshot();
    }

    @Override
    public void restore(byte[] snapshot) throws MalformedMessageException {
        machine.restore(snapshot);
    }

    @Override
    public void readReady(NodeContext ctx, long token) {
        Key key = reads.remove(token);
        Pending p = key == null ? null : pending.remove(key);
        if (p != null) {
            String name = p.request.op().key();
            KvResult result = p.request.op().kind() == KvOp.Kind.WHEREIS ? machine.whereis(name) : machine.read(name);
            answer(ctx, p, new Reply(p.request.requestId(), true, p.request.op().key(), result.value()));
        }
    }

    private void answer(NodeContext ctx, Pending p, Reply reply) {
        answer(ctx, p.client, p.via, reply);
    }

    /** To the client, or through the follower that forwarded its request ({@code via}). */
    private void answer(NodeContext ctx, NodeId client, NodeId via, Reply reply) {
        if (via == null && client.equals(self)) {
            return;   // this node's own request (its purge): the apply itself is the answer
        }
        if (via == null) {
            ctx.send(client, reply);
        } else {
            ctx.send(via, new ForwardedReply(client, reply));
        }
    }
}
