package io.mycel.node.registry;

import io.mycel.node.api.NodeId;

/**
 * One life of a node: its name and its incarnation, which grows by one at every start. Tasks live
 * in one incarnation and die with it, so the registry names a task by its owner. Written
 * {@code n3#4}.
 */
public record Owner(NodeId node, long incarnation) {

    public Owner {
        if (incarnation < 1) {
            throw new IllegalArgumentException("an incarnation counts from 1, got " + incarnation);
        }
    }

    /** Reads {@code node#incarnation}; an IllegalArgumentException says what is wrong. */
    public static Owner parse(String text) {
        int hash = text.lastIndexOf('#');
        if (hash <= 0 || hash == text.length() - 1) {
            throw new IllegalArgumentException("an owner is node#incarnation, got '" + text + "'");
        }
        long incarnation;
        try {
            incarnation = Long.parseLong(text.substring(hash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("an owner's incarnation is a number, got '" + text + "'");
        }
        return new Owner(NodeId.of(text.substring(0, hash)), incarnation);
    }

    @Override
    public String toString() {
        return node.name() + "#" + incarnation;
    }
}
