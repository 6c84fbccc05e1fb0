package io.mycel.node.dht;

import io.mycel.node.api.NodeId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One k-bucket: up to k contacts ordered from least to most recently seen, and a replacement cache
 * of up to k contacts that arrived while the bucket was full.
 *
 * <p>Replacement is liveness-based, as in the Kademlia paper: a newcomer never pushes out a
 * contact that still answers. When the bucket is full, the least recently seen contact is probed;
 * if it answers it moves to the tail and the newcomer waits in the cache, and if it does not, it
 * is dropped and the most recently seen newcomer takes its place. Old contacts are preferred
 * because a node that has been up for long is likely to stay up.
 */
final class KBucket {

    private static final class Entry {
        final Contact contact;
        int failures;

        Entry(Contact contact) {
            this.contact = contact;
        }
    }

    private final int capacity;
    private final ArrayList<Entry> entries = new ArrayList<>();
    private final ArrayDeque<Contact> replacements = new ArrayDeque<>();
    /** The least recently seen contact while a probe decides whether it stays; null when none runs. */
    private Contact probing;

    KBucket(int capacity) {
        this.capacity = capacity;
    }

    /**
     * The contact was heard from. Returns the contact to probe when the bucket is full and no probe
     * runs yet, else null.
     */
    Contact observe(Contact contact) {
        int at = indexOf(contact.node());
        if (at >= 0) {
            Entry entry = entries.remove(at);
            entry.failures = 0;
            entries.add(entry);
            if (contact.equals(probing)) {
                probing = null;   // it answered: it stays, at the tail
            }
            return null;
        }
        if (entries.size() < capacity) {
            entries.add(new Entry(contact));
            return null;
        }
        replacements.remove(contact);
        replacements.addLast(contact);
        if (replacements.size() > capacity) {
            replacements.removeFirst();
        }
        if (probing == null) {
            probing = entries.get(0).contact;
            return probing;
        }
        return null;
    }

    /** The probe of the least recently seen contact got no answer: it makes room for a newcomer. */
    void probeFailed(Contact contact) {
        if (contact.equals(probing)) {
            probing = null;
            remove(contact.node());
        }
    }

    /**
     * An RPC to the contact went unanswered. After {@code staleAfter} in a row it is dropped, but only
     * when a replacement is waiting: a node cut off from the mesh would otherwise empty its table.
     */
    void rpcFailed(NodeId node, int staleAfter) {
        int at = indexOf(node);
        if (at < 0) {
            return;
        }
        Entry entry = entries.get(at);
        entry.failures++;
        if (entry.failures >= staleAfter && !replacements.isEmpty()) {
            remove(node);
        }
    }

    private void remove(NodeId node) {
        int at = indexOf(node);
        if (at < 0) {
            return;
        }
        entries.remove(at);
        if (!replacements.isEmpty()) {
            entries.add(new Entry(replacements.removeLast()));
        }
    }

    private int indexOf(NodeId node) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).contact.node().equals(node)) {
                return i;
            }
        }
        return -1;
    }

    boolean contains(NodeId node) {
        return indexOf(node) >= 0;
    }

    int size() {
        return entries.size();
    }

    /** Adds the contacts to {@code out}, least recently seen first. */
    void addTo(List<Contact> out) {
        for (Entry entry : entries) {
            out.add(entry.contact);
        }
    }
}
