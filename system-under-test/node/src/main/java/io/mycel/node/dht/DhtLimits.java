package io.mycel.node.dht;

/** The DHT's bounds, kept together: what a message may carry and what a node keeps for others. */
final class DhtLimits {

    /** Contacts or providers one message may carry; k may not exceed it. */
    static final int MAX_CONTACTS = 64;
    static final int MAX_SERVICE_BYTES = 64;
    /** Service keys a node stores records for; a store beyond is refused, so others cannot fill its memory. */
    static final int MAX_KEYS = 4096;
    /** Providers kept per key; the ones that republished most recently stay. */
    static final int MAX_PROVIDERS = MAX_CONTACTS;
    /** Services one node announces (they are all republished on every round). */
    static final int MAX_ANNOUNCED = 256;

    private DhtLimits() {
    }
}
