package io.mycel.node.pubsub;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;
import io.mycel.node.pubsub.MqttPacket.Publish;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What brokers tell each other: which topic filters each one's clients subscribed to, and the
 * messages published at one broker for subscribers at another. Only members of the cluster may send
 * them; a client that tries is ignored.
 */
public sealed interface PeerMessage extends Message {

    /**
     * The topic filters of {@code owner}'s clients, each with the highest QoS subscribed. One
     * writer per owner, ordered by (epoch, version): the epoch grows with each start of the owner,
     * the version with each change, so the newest state always wins and state merges commute.
     */
    record Filters(NodeId owner, long epoch, long version, SortedMap<String, Integer> filters) implements PeerMessage {
        public Filters {
            filters = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(filters));
        }

        boolean newerThan(Filters other) {
            return other == null || epoch > other.epoch || (epoch == other.epoch && version > other.version);
        }
    }

    /**
     * Which state of its filters {@code owner} holds, without the filters: what a broker sends every
     * sync, so a quiet mesh costs a few bytes a peer rather than every filter again. A peer holding
     * an older state asks for the filters ({@link FiltersWanted}).
     */
    record FiltersDigest(NodeId owner, long epoch, long version) implements PeerMessage {

        /** Whether this state is newer than {@code held} (null: nothing held). */
        boolean newerThan(Filters held) {
            return held == null || epoch > held.epoch() || (epoch == held.epoch() && version > held.version());
        }
    }

    /** The receiver's filters, please: the sender's copy is older than the digest it was sent. */
    record FiltersWanted() implements PeerMessage {
    }

    /**
     * A message published at {@code origin} for the receiver's subscribers, numbered per incarnation
     * of the origin ({@code epoch}, {@code seq}). The origin resends it until acknowledged when its
     * QoS is 1 or 2. {@code lowWater}: every number below it is settled, so the receiver may forget
     * them (and must treat them as duplicates if they come again).
     */
    record Forward(NodeId origin, long epoch, long seq, long lowWater, Publish publish) implements PeerMessage {
    }

    /** The receiver took forward {@code seq} of the origin's incarnation {@code epoch}. */
    record ForwardAck(long epoch, long seq) implements PeerMessage {
    }
}
