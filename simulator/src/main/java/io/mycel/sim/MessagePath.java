package io.mycel.sim;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.RandomSource;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The way of a message through a simulation: encoded at send with the sender's codec, judged by
 * the network (partition, loss, duplication, latency, FIFO order) with the {@code network} random
 * stream, and at delivery checked again against partitions and the receiver's state, then decoded
 * with the receiver's codec. A frame that does not decode is dropped and counted as malformed.
 */
final class MessagePath {

    private final Simulation sim;
    private final Network network;
    private final NodeTable byId;
    private final RandomSource networkRandom;
    private final WireWriter encoder = new WireWriter(256);
    /** With secure links: what holds messages until their link's handshake is done. */
    private SecureLinks secureLinks;

    private long nextMessageId;
    private long sent;
    private long delivered;
    private long duplicated;
    private long bytesSent;
    private final Map<String, Long> dropped = new TreeMap<>();

    MessagePath(Simulation sim, Network network, NodeTable byId, RandomSource networkRandom) {
        this.sim = sim;
        this.network = network;
        this.byId = byId;
        this.networkRandom = networkRandom;
    }

    void secureLinks(SecureLinks links) {
        this.secureLinks = links;
    }

    void send(SimNode from, NodeId toId, Message message) {
        SimNode to = byId.get(toId);
        encoder.reset();
        from.codec.encode(message, encoder);
        byte[] frame = encoder.toByteArray();
        if (from.energy != null) {
            sim.energySent(from, frame.length);
        }
        long id = ++nextMessageId;
        sent++;
        bytesSent += frame.length;
        if (sim.trace().enabled()) {
            sim.trace().record(sim.now(), "send", "from", from.id.name(), "to", toId.name(), "id", id, "msg", message.typeName(),
                    "bytes", frame.length, "body", message.toString());
        }
        Delivery delivery = new Delivery(from, to, frame, id, message, false);
        if (to == null) {
            drop(delivery, "unknown-destination");
            return;
        }
        if (network.blocked(from, to)) {
            drop(delivery, "partition");
            return;
        }
        if (secureLinks != null && !secureLinks.admit(delivery)) {
            return;   // it waits for its link's handshake
        }
        transmitFrom(delivery, sim.now());
    }

    /** Loss, then the way over the link (and a duplicate's) for a message that leaves its sender at {@code at}. */
    void transmitFrom(Delivery delivery, long at) {
        LinkModel link = network.link(delivery.from, delivery.to);
        if (networkRandom.chance(link.loss())) {
            drop(delivery, "loss");
            return;
        }
        transmit(delivery, link, at);
        if (networkRandom.chance(link.duplicate())) {
            duplicated++;
            transmit(new Delivery(delivery.from, delivery.to, delivery.frame, delivery.messageId, delivery.sent(), true), link, at);
        }
    }

    private void transmit(Delivery delivery, LinkModel link, long at) {
        long arrival = at + link.latency().sampleMicros(networkRandom);
        if (network.mayNeedFifoClamp(link) && !networkRandom.chance(link.reorder())) {
            arrival = network.fifoArrival(delivery.from, delivery.to, arrival);
            delivery.fifoTracked = true;
        }
        sim.schedule(arrival, delivery);
    }

    void deliver(Delivery d) {
        if (d.fifoTracked) {
            network.fifoArrived(d.from, d.to);
            d.fifoTracked = false;
        }
        SimNode to = d.to;
        if (!d.buffered && network.blocked(d.from, to)) {
            drop(d, "partition");
            return;
        }
        if (to.status == NodeStatus.DOWN) {
            drop(d, "down");
            return;
        }
        if (to.status == NodeStatus.PAUSED) {
            d.buffered = true;
            to.deferred.add(d);
            return;
        }
        if (to.status == NodeStatus.ASLEEP) {
            drop(d, "asleep");   // its radio is off
            return;
        }
        Message message;
        try {
            WireReader in = new WireReader(d.frame);
            message = to.codec.decode(in);
            if (in.remaining() != 0) {
                throw new MalformedMessageException(in.remaining() + " trailing bytes after " + message.typeName());
            }
        } catch (MalformedMessageException e) {
            drop(d, "malformed");
            return;
        }
        delivered++;
        if (sim.trace().enabled()) {
            if (d.duplicate) {
                sim.trace().record(sim.now(), "deliver", "from", d.from.id.name(), "to", to.id.name(), "id", d.messageId,
                        "msg", d.typeName(), "dup", true);
            } else {
                sim.trace().record(sim.now(), "deliver", "from", d.from.id.name(), "to", to.id.name(), "id", d.messageId,
                        "msg", d.typeName());
            }
        }
        if (to.energy != null) {
            sim.energyHandled(to, d.frame.length);
        }
        try {
            to.process.onMessage(to, d.fromId, message);
        } catch (RuntimeException e) {
            throw sim.nodeFailed(to, "handling " + message, e);
        }
    }


    /** Counts and traces a message that will not be delivered. */
    void drop(Delivery d, String reason) {
        dropped.merge(reason, 1L, Long::sum);
        if (sim.trace().enabled()) {
            sim.trace().record(sim.now(), "drop", "from", d.fromId.name(), "to", d.to == null ? null : d.to.id.name(),
                    "id", d.messageId, "msg", d.typeName(), "reason", reason);
        }
    }

    SimStats stats(long events) {
        return new SimStats(events, sent, delivered, duplicated, bytesSent,
                Collections.unmodifiableMap(new TreeMap<>(dropped)), secureLinks == null ? SimStats.NO_HANDSHAKES : secureLinks.stats());
    }
}
