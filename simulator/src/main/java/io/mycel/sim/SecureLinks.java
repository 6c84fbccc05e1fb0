package io.mycel.sim;

import io.mycel.node.api.RandomSource;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;

/**
 * Links between servers that must be opened with a handshake before they carry messages, as real
 * nodes' TLS links are ({@link HandshakeModel}). Each directed link is one connection, opened by its
 * sender (a real node dials each peer for what it sends). The first message on a link that is not
 * open waits, with any that follow it, while the sender's hello goes over, the answer comes back and
 * both sides do their public-key work; then they go, in order, through the network as usual. The
 * handshake's flights are charged to both radios, its CPU time to both nodes' energy. A link
 * opened again while both ends hold the session of the last handshake between them resumes it,
 * at the resumed cost; a crash of either end forgets its sessions.
 *
 * <p>A link is open until it cannot be: a crash of either end (its TLS state is gone), either end
 * falling asleep (its radio off), or a partition or cut between them (the connection times out). A
 * handshake that meets a partition, a node down or asleep fails, and the messages waiting on it are
 * dropped for that reason, as messages sent into a partition are; the next message opens the link
 * anew. A lost flight arrives a retransmission timeout later. A paused end holds the handshake until
 * it resumes. A link to a node already down or asleep fails at once, before any hello (the TCP
 * connection is refused or never answered). Workload clients stand for processes beside their node
 * and need no handshake.
 */
final class SecureLinks {

    /** Messages a link holds while it opens; past it they are dropped (as a real node's bounded outbound queue does). */
    static final int MAX_WAITING = 10_000;

    /** One directed link's connection: open, opening, with what waits for it. */
    private static final class Link {
        final SimNode from;
        final SimNode to;
        boolean open;
        /** Its hello went and the handshake is not done yet, or done ({@link #open}). */
        boolean opening;
        /** The cost of the handshake under way or done, and whether it resumes a session. */
        HandshakeModel.Cost cost;
        boolean resuming;
        /** When an open link's first data leaves: the opener's work on the answer done. */
        long openAt;
        /** Bumped whenever the link is forgotten, so steps of a handshake it no longer waits for do nothing. */
        int generation;
        long startedAt;
        final ArrayDeque<Delivery> waiting = new ArrayDeque<>();

        Link(SimNode from, SimNode to) {
            this.from = from;
            this.to = to;
        }
    }

    /** The answerer receives the hello (step 1), or the opener receives the answer (step 2). */
    private final class Step extends Event {
        final Link link;
        final int generation;
        final int step;

        Step(Link link, int step) {
            this.link = link;
            this.generation = link.generation;
            this.step = step;
        }

        @Override
        void fire(Simulation sim) {
            if (generation != link.generation) {
                return;   // the link was forgotten meanwhile
            }
            if (step == 1) {
                answer(this);
            } else {
                finish(this);
            }
        }
    }

    private final Simulation sim;
    private final Network network;
    private final MessagePath messages;
    private final HandshakeModel model;
    private final RandomSource random;
    private final HashMap<Long, Link> links = new HashMap<>();
    /** Directed links whose ends hold a session of their last handshake, by key. */
    private final java.util.HashSet<Long> sessions = new java.util.HashSet<>();
    private long completed;
    private long resumed;
    private long failed;
    private long bytes;
    private long cpuMicros;

    SecureLinks(Simulation sim, Network network, MessagePath messages, HandshakeModel model, RandomSource random) {
        this.sim = sim;
        this.network = network;
        this.messages = messages;
        this.model = model;
        this.random = random;
    }

    /**
     * Whether {@code d} may go now. If not, it waits on its link, which starts opening if it was
     * not already; the link sends it when open.
     */
    boolean admit(Delivery d) {
        if (d.from.client || d.to.client || d.from == d.to) {
            return true;
        }
        long key = Network.key(d.from, d.to);
        Link link = links.get(key);
        if (link == null) {
            link = new Link(d.from, d.to);
            links.put(key, link);
        }
        if (link.open) {
            if (sim.now() >= link.openAt) {
                return true;
            }
            // The opener is still checking the answer: the message leaves behind the waiting ones.
            messages.transmitFrom(d, link.openAt);
            return false;
        }
        if (link.waiting.size() >= MAX_WAITING) {
            messages.drop(d, "handshake-queue-full");
            return false;
        }
        link.waiting.add(d);
        if (link.waiting.size() == 1) {
            open(link);
        }
        return false;
    }

    private void open(Link link) {
        if (!reachable(link)) {
            failed++;   // the connection itself fails (refused by a node down, unanswered by one asleep): no hello goes
            return;
        }
        link.opening = true;
        link.startedAt = sim.now();
        link.resuming = model.resumption() && sessions.contains(Network.key(link.from, link.to));
        link.cost = link.resuming ? model.resumed() : model.full();
        sent(link.from, link.cost.helloBytes());
        sim.schedule(sim.now() + flight(link.from, link.to), new Step(link, 1));
    }

    /** The answerer has the hello: it does half its work and sends its certificate back. */
    private void answer(Step step) {
        Link link = step.link;
        SimNode to = link.to;
        if (!reachable(link)) {
            return;
        }
        if (to.status == NodeStatus.PAUSED) {
            to.deferred.add(step);   // its kernel took the connection; its TLS waits for the process
            return;
        }
        HandshakeModel.Cost cost = link.cost;
        long work = cost.responderCpuMicros() / 2;
        worked(to, work, cost.helloBytes());
        sent(to, cost.serverFlightBytes());
        sim.schedule(sim.now() + work + flight(to, link.from), new Step(link, 2));
    }

    /** The opener has the answer: it checks it, sends its own certificate, and the waiting messages after it. */
    private void finish(Step step) {
        Link link = step.link;
        if (!reachable(link)) {
            return;
        }
        if (link.from.status == NodeStatus.PAUSED) {
            link.from.deferred.add(step);
            return;
        }
        HandshakeModel.Cost cost = link.cost;
        worked(link.from, cost.initiatorCpuMicros(), cost.serverFlightBytes());
        sent(link.from, cost.clientFlightBytes());
        // The answerer's work on the opener's last flight, and its ticket, charged now rather than
        // a flight later: the energy is the same, and nothing waits on them.
        worked(link.to, cost.responderCpuMicros() - cost.responderCpuMicros() / 2, cost.clientFlightBytes());
        sent(link.to, cost.ticketBytes());
        worked(link.from, 0, cost.ticketBytes());
        long dataAt = sim.now() + cost.initiatorCpuMicros();
        link.open = true;
        link.openAt = dataAt;
        sessions.add(Network.key(link.from, link.to));
        completed++;
        if (link.resuming) {
            resumed++;
        }
        if (sim.trace().enabled()) {
            sim.trace().record(sim.now(), "handshake", "from", link.from.id.name(), "to", link.to.id.name(),
                    "resumed", link.resuming, "bytes", cost.totalBytes(),
                    "micros", dataAt - link.startedAt);
        }
        while (!link.waiting.isEmpty()) {
            messages.transmitFrom(link.waiting.poll(), dataAt);
        }
    }

    /**
     * Whether the handshake on {@code link} can go on: both ends there and awake, nothing between
     * them. If not, the link is forgotten and its waiting messages are dropped for that reason.
     */
    private boolean reachable(Link link) {
        String reason = network.blocked(link.from, link.to) || network.blocked(link.to, link.from) ? "partition"
                : link.to.status == NodeStatus.DOWN || link.from.status == NodeStatus.DOWN ? "down"
                : link.to.status == NodeStatus.ASLEEP || link.from.status == NodeStatus.ASLEEP ? "asleep"
                : null;
        if (reason == null) {
            return true;
        }
        forget(link, reason);
        return false;
    }

    /** A node crashed (its sessions are gone too) or fell asleep: every link from or to it closes. */
    void closeAll(SimNode node, String reason, boolean sessionsLost) {
        for (Link link : inOrder()) {
            if (link.from == node || link.to == node) {
                forget(link, reason);
            }
        }
        if (sessionsLost) {
            sessions.removeIf(key -> (int) (key >>> 32) == node.index || (int) (long) key == node.index);
        }
    }

    /** The partitions changed: links now blocked either way close (their connections time out). */
    void partitionsChanged() {
        for (Link link : inOrder()) {
            if (network.blocked(link.from, link.to) || network.blocked(link.to, link.from)) {
                forget(link, "partition");
            }
        }
    }

    HandshakeStats stats() {
        return new HandshakeStats(completed, resumed, failed, bytes, cpuMicros);
    }

    /**
     * Closes {@code link}: its waiting messages are dropped for {@code reason}, and a handshake it
     * had under way is counted as failed and traced. (A connection refused before its hello is
     * traced by the drop of its message alone: a message to a sleeper would otherwise trace twice.)
     */
    private void forget(Link link, String reason) {
        if (link.opening && !link.open) {
            failed++;
            if (sim.trace().enabled()) {
                sim.trace().record(sim.now(), "handshake-failed", "from", link.from.id.name(), "to", link.to.id.name(),
                        "reason", reason);
            }
        }
        link.opening = false;
        link.open = false;
        link.generation++;
        while (!link.waiting.isEmpty()) {
            messages.drop(link.waiting.poll(), reason);
        }
        links.remove(Network.key(link.from, link.to));
    }

    /** The links by key, so closing them (and the drops it traces) never follows hash order. */
    private Link[] inOrder() {
        Link[] all = links.values().toArray(new Link[0]);
        Arrays.sort(all, (a, b) -> Long.compare(Network.key(a.from, a.to), Network.key(b.from, b.to)));
        return all;
    }

    /** One flight's time on the way from {@code a} to {@code b}: a latency draw, plus a retransmission if it was lost. */
    private long flight(SimNode a, SimNode b) {
        LinkModel link = network.link(a, b);
        long micros = link.latency().sampleMicros(random);
        if (random.chance(link.loss())) {
            micros += model.retransmitMicros();
        }
        return micros;
    }

    private void sent(SimNode node, int size) {
        bytes += size;
        if (node.energy != null && size > 0) {
            sim.energySent(node, size);
        }
    }

    private void worked(SimNode node, long micros, int bytesIn) {
        cpuMicros += micros;
        if (node.energy != null) {
            sim.energyLinkWork(node, micros, bytesIn);
        }
    }
}
