package io.mycel.node.presence;

/** The presence service's bounds, kept together. */
final class PresenceLimits {

    /** Presences one node hosts; a join beyond this is refused (its table rides in every heartbeat). */
    static final int MAX_LOCAL_PRESENCES = 256;
    static final int MAX_USER_BYTES = 64;
    static final int MAX_META_BYTES = 256;
    /** Entries a Who reply may carry: every node's table at its fullest, for meshes of up to 64 nodes. */
    static final int MAX_ONLINE = 64 * MAX_LOCAL_PRESENCES;

    private PresenceLimits() {
    }
}
