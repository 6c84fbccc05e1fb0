package io.mycel.mc.explore;

import io.mycel.mc.system.McSystem;

/**
 * A property of a single state that needs no memory of earlier ones (a check of the clients'
 * history so far, say), checked in every new state. Invariants with memory belong to the program
 * and live inside the state instead.
 */
public interface StateProperty {
    String name();

    /** What is wrong with {@code state}, or null when the property holds. */
    String violation(McSystem state);
}
