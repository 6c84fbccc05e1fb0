package io.mycel.node.membership;

/**
 * A member's state as SWIM sees it. At equal incarnation DEAD outranks SUSPECT, which outranks
 * ALIVE; a higher incarnation of ALIVE (the member's own refutation, or its restart) outranks all.
 */
public enum MemberState {
    ALIVE, SUSPECT, DEAD
}
