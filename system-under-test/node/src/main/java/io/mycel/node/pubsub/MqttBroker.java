package io.mycel.node.pubsub;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import io.mycel.node.pubsub.MqttPacket.Ack;
import io.mycel.node.pubsub.MqttPacket.AckKind;
import io.mycel.node.pubsub.MqttPacket.ConnAck;
import io.mycel.node.pubsub.MqttPacket.Connect;
import io.mycel.node.pubsub.MqttPacket.ConnectionLost;
import io.mycel.node.pubsub.MqttPacket.Disconnect;
import io.mycel.node.pubsub.MqttPacket.PingReq;
import io.mycel.node.pubsub.MqttPacket.PingResp;
import io.mycel.node.pubsub.MqttPacket.Publish;
import io.mycel.node.pubsub.MqttPacket.Subscribe;
import io.mycel.node.pubsub.MqttPacket.Unsubscribe;
import io.mycel.node.pubsub.auth.AuthResult;
import io.mycel.node.pubsub.auth.Credentials;
import io.mycel.node.pubsub.auth.MqttAuthenticator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An MQTT broker on one node, as a process on the seam: each client connection is a sender id, its
 * packets arrive as messages, and what the broker sends to that id goes back on the connection.
 * Connections and sessions ({@link MqttSession}), keep-alive, wills and retained messages are
 * handled here; publishing and subscribing in {@link Publishing}.
 *
 * <p>A connection that breaks the protocol (a packet before CONNECT, a packet only a server sends,
 * a topic name with a wildcard) is closed with the reason, and only that connection: others never
 * notice. A CONNECT from a sender that is connected already starts a new connection for it (the old
 * one is detached first, as if it had dropped): the seam names connections by sender only, so a
 * simulated client that reconnects sends from the same id. A second CONNECT on one real TCP
 * connection, which MQTT calls a protocol error, is refused by the runtime before it gets here. The sessions live in memory: a broker that crashes loses
 * them, as a broker without persistence does.
 */
public final class MqttBroker implements Process {

    private static final String KEEP_ALIVE = "mqtt-keepalive/";
    private static final String EXPIRY = "mqtt-expiry/";
    private static final String AUTH_EXPIRY = "mqtt-auth-expiry/";

    final BrokerLimits limits;
    final TreeMap<String, MqttSession> sessions = new TreeMap<>();
    /** The session of each open connection, looked up by id only. */
    private final Map<NodeId, MqttSession> byConnection = new HashMap<>();
    /** What timer belongs to which session, looked up by id only. */
    private final Map<Long, MqttSession> timers = new HashMap<>();
    final Publishing publishing;
    final ClusterRouting cluster;
    final MqttAuthenticator auth;
    private long assignedIds;

    public MqttBroker(BrokerLimits limits) {
        this(limits, null, MqttAuthenticator.ANONYMOUS);
    }

    public MqttBroker(BrokerLimits limits, MqttAuthenticator auth) {
        this(limits, null, auth);
    }

    /** @param bug a planted bug ({@code forward-once}, {@code no-dedup}), or null for none */
    MqttBroker(BrokerLimits limits, String bug, MqttAuthenticator auth) {
        this.limits = limits;
        this.auth = auth;
        this.cluster = new ClusterRouting(limits.syncIntervalMicros(), limits.resendIntervalMicros(), limits.maxForwardQueue(),
                !"forward-once".equals(bug), !"no-dedup".equals(bug));
        this.publishing = new Publishing(this);
    }

    @Override
    public void onStart(NodeContext ctx) {
        cluster.start(ctx);
    }

    @Override
    public void onMessage(NodeContext ctx, NodeId from, Message message) {
        if (message instanceof PeerMessage peer) {
            if (ctx.members().contains(from)) {   // only brokers of the cluster speak for it
                Publish forwarded = cluster.onPeerMessage(ctx, from, peer);
                if (forwarded != null) {
                    publishing.fromPeer(ctx, forwarded);
                }
            }
            return;
        }
        if (!(message instanceof MqttPacket packet) || ctx.members().contains(from)) {
            return;   // not for the broker, or a member posing as a client
        }
        MqttSession session = byConnection.get(from);
        if (packet instanceof Connect connect) {
            if (session != null) {
                detach(ctx, session);   // the sender's earlier connection is gone: its will goes out
            }
            connect(ctx, from, connect);
            return;
        }
        if (session == null) {
            if (!(packet instanceof ConnectionLost) && !(packet instanceof Disconnect)) {
                ctx.send(from, new Disconnect(ReasonCode.PROTOCOL_ERROR));   // no CONNECT first: nothing to keep
            }
            return;
        }
        session.lastHeardMicros = ctx.nowMicros();
        if (packet instanceof Publish p) {
            publishing.fromClient(ctx, session, p);
        } else if (packet instanceof Ack a) {
            acknowledgement(ctx, session, a);
        } else if (packet instanceof Subscribe s) {
            publishing.subscribe(ctx, session, s);
        } else if (packet instanceof Unsubscribe u) {
            publishing.unsubscribe(ctx, session, u);
        } else if (packet instanceof PingReq) {
            ctx.send(from, new PingResp());
        } else if (packet instanceof Disconnect d) {
            if (d.reasonCode() != ReasonCode.DISCONNECT_WITH_WILL) {
                session.will = null;   // a client that says goodbye leaves no will, unless it asks
            }
            detach(ctx, session);
        } else if (packet instanceof ConnectionLost) {
            detach(ctx, session);
        } else {
            close(ctx, session, ReasonCode.PROTOCOL_ERROR, true);   // a packet only a server sends
        }
    }

    @Override
    public void onTimer(NodeContext ctx, TimerId timer) {
        if (timer.name().equals(ClusterRouting.SYNC) || timer.name().equals(ClusterRouting.RESEND)) {
            cluster.onTimer(ctx, timer);
            return;
        }
        MqttSession session = timers.remove(timer.id());
        if (session == null) {
            return;
        }
        if (timer.equals(session.keepAliveTimer)) {
            session.keepAliveTimer = null;
            long limit = keepAliveLimitMicros(session);
            long quiet = ctx.nowMicros() - session.lastHeardMicros;
            if (quiet >= limit) {
                close(ctx, session, ReasonCode.KEEP_ALIVE_TIMEOUT, true);
            } else {
                armKeepAlive(ctx, session, limit - quiet);
            }
        } else if (timer.equals(session.expiryTimer)) {
            session.expiryTimer = null;
            end(ctx, session);
        } else if (timer.equals(session.authTimer)) {
            session.authTimer = null;
            ctx.emit("mqtt-auth-expired", session.clientId + " (" + session.principal.name() + ")");
            close(ctx, session, ReasonCode.MAXIMUM_CONNECT_TIME, true);
        }
    }

    /** The session of a connection, or null: for tests and the host's metrics. */
    MqttSession sessionOf(NodeId connection) {
        return byConnection.get(connection);
    }

    private void connect(NodeContext ctx, NodeId from, Connect c) {
        if (c.protocolVersion() != MqttPacket.V311 && c.protocolVersion() != MqttPacket.V5) {
            ctx.send(from, new ConnAck(false, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION, null));
            ctx.send(from, new Disconnect(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION));
            return;
        }
        String clientId = c.clientId();
        String assigned = null;
        if (clientId.isEmpty()) {
            if (!c.cleanStart() && c.protocolVersion() == MqttPacket.V311) {
                refuse(ctx, from, ReasonCode.CLIENT_ID_NOT_VALID);   // 3.1.1: an empty id needs a clean session
                return;
            }
            clientId = assigned = "auto-" + ctx.self().name() + "-" + (++assignedIds);
        }
        if (c.will() != null && !Topics.validName(c.will().topic())) {
            refuse(ctx, from, ReasonCode.TOPIC_NAME_INVALID);
            return;
        }
        AuthResult decision = auth.authenticate(new Credentials(clientId, c.username(), c.password(), c.protocolVersion()),
                ctx.nowMicros());
        if (decision instanceof AuthResult.Refused r) {
            ctx.emit("mqtt-auth-refused", clientId + " on " + from + ": " + r.why());
            refuse(ctx, from, r.reasonCode());
            return;
        }
        AuthResult.Allowed allowed = (AuthResult.Allowed) decision;
        MqttSession session = sessions.get(clientId);
        if (session != null && !session.principal.name().equals(allowed.principal().name())) {
            // A client id's session belongs to the identity that made it: another may neither
            // take it over nor read what it queued.
            ctx.emit("mqtt-auth-refused", clientId + " on " + from + ": the session belongs to another identity");
            refuse(ctx, from, ReasonCode.NOT_AUTHORIZED);
            return;
        }
        if (session != null && session.connected()) {
            close(ctx, session, ReasonCode.SESSION_TAKEN_OVER, true);
            session = sessions.get(clientId);   // still there unless it ended with its connection
        }
        boolean present = session != null && !c.cleanStart();
        if (session != null && c.cleanStart()) {
            end(ctx, session);
            session = null;
        }
        if (session == null) {
            session = new MqttSession(clientId);
            sessions.put(clientId, session);
        }
        cancel(ctx, session.expiryTimer);
        session.expiryTimer = null;
        session.connection = from;
        session.principal = allowed.principal();
        session.protocolVersion = c.protocolVersion();
        session.keepAliveSeconds = c.keepAliveSeconds();
        session.will = c.will();
        session.expirySeconds = c.sessionExpirySeconds();
        session.lastHeardMicros = ctx.nowMicros();
        byConnection.put(from, session);
        ctx.send(from, new ConnAck(present, ReasonCode.SUCCESS, c.protocolVersion() == MqttPacket.V5 ? assigned : null));
        ctx.emit("mqtt-connect", clientId + " on " + from + (present ? " resumed" : " new") + " v" + c.protocolVersion());
        if (session.keepAliveSeconds > 0) {
            armKeepAlive(ctx, session, keepAliveLimitMicros(session));
        }
        if (allowed.validUntilMicros() != Long.MAX_VALUE) {
            session.authTimer = ctx.setTimer(AUTH_EXPIRY + clientId, Math.max(1, allowed.validUntilMicros() - ctx.nowMicros()));
            timers.put(session.authTimer.id(), session);
        }
        if (present) {
            session.resume(ctx, limits);
        }
    }

    private void acknowledgement(NodeContext ctx, MqttSession session, Ack a) {
        switch (a.kind()) {
            case PUBACK, PUBCOMP -> {
                if (!session.acknowledged(ctx, a.packetId(), a.kind(), limits)) {
                    // MQTT 5 calls an unknown id a protocol error; a resent acknowledgement after a
                    // reconnect is ordinary, so it is ignored rather than punished.
                    ctx.emit("mqtt-unknown-ack", session.clientId + " " + a.kind() + " " + a.packetId());
                }
            }
            case PUBREC -> session.received(ctx, a.packetId());
            case PUBREL -> {
                boolean known = session.awaitingRelease.remove(a.packetId());
                ctx.send(session.connection, new Ack(AckKind.PUBCOMP, a.packetId(),
                        known ? ReasonCode.SUCCESS : ReasonCode.PACKET_ID_NOT_FOUND));
            }
            default -> throw new IllegalStateException("unhandled " + a.kind());
        }
    }

    private void refuse(NodeContext ctx, NodeId from, int reason) {
        ctx.send(from, new ConnAck(false, reason, null));
        ctx.send(from, new Disconnect(reason));
    }

    /**
     * The broker ends a connection, telling the host why ({@code reason}); the client's will goes out
     * when {@code publishWill}.
     */
    void close(NodeContext ctx, MqttSession session, int reason, boolean publishWill) {
        ctx.send(session.connection, new Disconnect(reason));
        if (!publishWill) {
            session.will = null;
        }
        detach(ctx, session);
    }

    /** The connection is gone: publish the will if one is left, then keep the session or end it. */
    private void detach(NodeContext ctx, MqttSession session) {
        byConnection.remove(session.connection);
        ctx.emit("mqtt-disconnect", session.clientId + " from " + session.connection);
        session.connection = null;
        cancel(ctx, session.keepAliveTimer);
        session.keepAliveTimer = null;
        cancel(ctx, session.authTimer);
        session.authTimer = null;
        MqttPacket.Will will = session.will;
        session.will = null;
        if (will != null) {
            publishing.will(ctx, session, will);
        }
        if (session.expirySeconds == 0) {
            end(ctx, session);
        } else if (session.expirySeconds != Connect.NEVER_EXPIRES) {
            session.expiryTimer = ctx.setTimer(EXPIRY + session.clientId, session.expirySeconds * 1_000_000L);
            timers.put(session.expiryTimer.id(), session);
        }
    }

    private void end(NodeContext ctx, MqttSession session) {
        cancel(ctx, session.expiryTimer);
        session.expiryTimer = null;
        publishing.forget(ctx, session);
        session.clear();
        sessions.remove(session.clientId);
    }

    private void armKeepAlive(NodeContext ctx, MqttSession session, long micros) {
        session.keepAliveTimer = ctx.setTimer(KEEP_ALIVE + session.clientId, micros);
        timers.put(session.keepAliveTimer.id(), session);
    }

    /** MQTT's grace: a client is gone after one and a half keep-alive periods without a packet. */
    private static long keepAliveLimitMicros(MqttSession session) {
        return session.keepAliveSeconds * 1_500_000L;
    }

    private void cancel(NodeContext ctx, TimerId timer) {
        if (timer != null) {
            ctx.cancelTimer(timer);
            timers.remove(timer.id());
        }
    }
}
