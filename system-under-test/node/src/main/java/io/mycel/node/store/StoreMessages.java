package io.mycel.node.store;

import io.mycel.node.api.Message;
import java.util.Arrays;
import java.util.List;

/**
 * The store's messages: client requests and replies, and anti-entropy between nodes. States travel
 * as bytes in the configured kind's encoding: the codec is the program's, fixed before any scenario
 * option is read, so the node decodes states itself (and counts the malformed ones).
 */
public final class StoreMessages {

    private StoreMessages() {
    }

    public enum Op { ADD, REMOVE, WRITE }

    public sealed interface StoreMessage extends Message permits Update, UpdateOk, UpdateFailed, Read, ReadOk, Digest, Repair {
    }

    public record Update(long requestId, Op op, String key, long argument) implements StoreMessage {
    }

    public record UpdateOk(long requestId) implements StoreMessage {
    }

    /** The update was refused and did not take effect (the kind has no such operation). */
    public record UpdateFailed(long requestId) implements StoreMessage {
    }

    public record Read(long requestId, String key) implements StoreMessage {
    }

    /** @param value a Long, a List of Longs, or null */
    public record ReadOk(long requestId, Object value) implements StoreMessage {
    }

    /** One key's state hash in a digest. */
    public record KeyHash(String key, long hash) {
    }

    /**
     * Anti-entropy, first step: the hashes of the sender's keys in [{@code from}, {@code to})
     * ({@code to} empty: to the end).
     */
    public record Digest(String from, String to, List<KeyHash> hashes) implements StoreMessage {
        public Digest {
            hashes = List.copyOf(hashes);
        }
    }

    /** One key's encoded state. */
    public record KeyState(String key, byte[] state) {
        @Override
        public boolean equals(Object o) {
            return o instanceof KeyState k && k.key.equals(key) && Arrays.equals(k.state, state);
        }

        @Override
        public int hashCode() {
            return key.hashCode() * 31 + Arrays.hashCode(state);
        }

        @Override
        public String toString() {
            return key + "(" + state.length + " bytes)";
        }
    }

    /** Anti-entropy, answer: states the receiver lacks, and the keys whose states the sender wants back. */
    public record Repair(List<KeyState> states, List<String> wanted) implements StoreMessage {
        public Repair {
            states = List.copyOf(states);
            wanted = List.copyOf(wanted);
        }
    }
}
