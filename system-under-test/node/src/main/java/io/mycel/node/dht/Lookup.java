package io.mycel.node.dht;

import io.mycel.node.api.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One iterative Kademlia lookup: a shortlist of candidates ordered by distance to the target, at most
 * {@code alpha} queries in flight, each answer adding the closer contacts it names. It ends when the
 * k closest candidates that did not fail have all answered. A value lookup gathers the values of
 * every node it hears from rather than stopping at the first: providers store their records on the
 * k closest nodes as each of them sees it, so no one holder need know every provider.
 *
 * <p>Each candidate carries its hop: the contacts a node starts from are hop 1, and a contact named
 * in the answer of a hop-h query is hop h+1. The hops of a lookup are the hop of the query that
 * reached the answer (the target itself, or the node that held the value): the length of the chain
 * of queries that led there, which Kademlia bounds by O(log n).
 *
 * <p>A pure state machine: the caller sends what {@link #nextQueries} hands out and reports answers
 * and timeouts back.
 */
final class Lookup {

    enum Kind { NODE, VALUE }

    private enum State { WAITING, ASKED, ANSWERED, FAILED }

    private static final class Candidate {
        final Contact contact;
        final int hop;
        State state = State.WAITING;
        int attempts;

        Candidate(Contact contact, int hop) {
            this.contact = contact;
            this.hop = hop;
        }
    }

    private final Kind kind;
    private final DhtKey target;
    private final NodeId self;
    private final int k;
    private final int alpha;
    private final int attempts;
    /** Candidates by distance to the target, in the table's order. */
    private final TreeMap<Long, Candidate> shortlist;
    private int inFlight;
    private int queries;
    private final TreeSet<NodeId> values = new TreeSet<>();
    private int answerHop = -1;

    Lookup(Kind kind, DhtKey target, NodeId self, int k, int alpha, int attempts, KeyOrder order, List<Contact> start) {
        this.kind = kind;
        this.target = target;
        this.self = self;
        this.k = k;
        this.alpha = alpha;
        this.attempts = attempts;
        this.shortlist = new TreeMap<>(order::compare);
        for (Contact contact : start) {
            add(contact, 1);
        }
    }

    private void add(Contact contact, int hop) {
        if (contact.node().equals(self)) {
            return;
        }
        shortlist.putIfAbsent(contact.key().distance(target), new Candidate(contact, hop));
    }

    Kind kind() {
        return kind;
    }

    DhtKey target() {
        return target;
    }

    /** The candidates to ask now, marked as asked: enough to have {@code alpha} in flight. */
    List<Contact> nextQueries() {
        List<Contact> out = new ArrayList<>();
        if (done()) {
            return out;
        }
        int live = 0;
        for (Candidate c : shortlist.values()) {
            if (inFlight >= alpha || live >= k) {
                break;
            }
            if (c.state == State.FAILED) {
                continue;
            }
            live++;
            if (c.state == State.WAITING) {
                c.state = State.ASKED;
                c.attempts++;
                inFlight++;
                queries++;
                out.add(c.contact);
            }
        }
        return out;
    }

    /** {@code from} answered with closer contacts (and, for a value lookup, the values it holds). */
    void answered(Contact from, List<Contact> closer, List<NodeId> found) {
        Candidate c = shortlist.get(from.key().distance(target));
        if (c == null || c.state != State.ASKED) {
            return;   // a late or duplicated answer
        }
        c.state = State.ANSWERED;
        inFlight--;
        if (kind == Kind.NODE && from.key().equals(target) && answerHop < 0) {
            answerHop = c.hop;
        }
        if (kind == Kind.VALUE && !found.isEmpty()) {
            values.addAll(found);
            if (answerHop < 0) {
                answerHop = c.hop;
            }
        }
        for (Contact contact : closer) {
            add(contact, c.hop + 1);
        }
    }

    /**
     * {@code from} did not answer in time. It is asked again, up to the lookup's attempts, before it
     * counts as failed: on a lossy link one lost frame would otherwise hide a live node, the target
     * itself included. A dead node costs a timeout per attempt.
     */
    void failed(Contact from) {
        Candidate c = shortlist.get(from.key().distance(target));
        if (c != null && c.state == State.ASKED) {
            c.state = c.attempts >= attempts ? State.FAILED : State.WAITING;
            inFlight--;
        }
    }

    /** Finished: the k closest candidates that did not fail all answered. */
    boolean done() {
        int live = 0;
        for (Candidate c : shortlist.values()) {
            if (live >= k) {
                break;
            }
            if (c.state == State.FAILED) {
                continue;
            }
            live++;
            if (c.state != State.ANSWERED) {
                return false;
            }
        }
        return true;   // queries still in flight went to farther nodes: their answers cannot change the result
    }

    /** The k closest candidates that answered, closest first. */
    List<Contact> closest() {
        List<Contact> out = new ArrayList<>(k);
        for (Candidate c : shortlist.values()) {
            if (out.size() >= k) {
                break;
            }
            if (c.state == State.ANSWERED) {
                out.add(c.contact);
            }
        }
        return out;
    }

    /** The values found by a value lookup, in name order. */
    List<NodeId> values() {
        return List.copyOf(values);
    }

    /**
     * The hop of the query that reached the answer (the target, or the first node that held a value),
     * or -1 when none did.
     */
    int answerHop() {
        return answerHop;
    }

    /** Queries sent so far. */
    int queries() {
        return queries;
    }
}
