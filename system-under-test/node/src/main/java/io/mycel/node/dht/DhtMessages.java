package io.mycel.node.dht;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;
import java.util.List;

/**
 * Kademlia's RPCs between nodes, each with the sender's RPC number so the answer can be matched,
 * and the client requests of the {@code dht} program. A contact travels as its node name: the name
 * is the node's address on the seam, and its key is the hash of the name.
 */
public final class DhtMessages {

    private DhtMessages() {
    }

    /** What nodes send each other; every one tells the receiver that its sender is alive. */
    public sealed interface Rpc extends Message permits Ping, Pong, FindNode, Nodes, FindValue, Value, Store, Stored {
        long rpc();
    }

    public record Ping(long rpc) implements Rpc {
    }

    public record Pong(long rpc) implements Rpc {
    }

    /** Asks for the k contacts the receiver knows closest to {@code target}. */
    public record FindNode(long rpc, long target) implements Rpc {
    }

    public record Nodes(long rpc, List<NodeId> contacts) implements Rpc {
        public Nodes {
            contacts = List.copyOf(contacts);
        }
    }

    /** Asks for the providers stored under {@code key}, or else the k closest contacts. */
    public record FindValue(long rpc, long key) implements Rpc {
    }

    public record Value(long rpc, List<NodeId> providers, List<NodeId> contacts) implements Rpc {
        public Value {
            providers = List.copyOf(providers);
            contacts = List.copyOf(contacts);
        }
    }

    /** Stores a provider record: the sender provides the service whose key is {@code key}. */
    public record Store(long rpc, long key) implements Rpc {
    }

    public record Stored(long rpc) implements Rpc {
    }

    /** A client's request to the node it talks to. */
    public sealed interface ClientRequest extends Message permits Lookup, Announce, Find {
        long requestId();
    }

    /** Find the node whose position in the configured list is {@code index} (modulo its length). */
    public record Lookup(long requestId, long index) implements ClientRequest {
    }

    /** Make the node a provider of {@code service}, for as long as it lives (it republishes). */
    public record Announce(long requestId, String service) implements ClientRequest {
    }

    /** Find the providers of {@code service}. */
    public record Find(long requestId, String service) implements ClientRequest {
    }

    /** The node looked for {@code target}; {@code found} when it answered. */
    public record LookupOk(long requestId, NodeId target, boolean found) implements Message {
    }

    /** The provider record reached {@code stored} of the nodes closest to the service's key. */
    public record AnnounceOk(long requestId, int stored) implements Message {
    }

    public record FindOk(long requestId, List<NodeId> providers) implements Message {
        public FindOk {
            providers = List.copyOf(providers);
        }
    }
}
