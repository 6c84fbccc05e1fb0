package io.mycel.node.api;

/** A timer handle: a value, so node state that holds one stays comparable and hashable. */
public record TimerId(long id, String name) {
}
