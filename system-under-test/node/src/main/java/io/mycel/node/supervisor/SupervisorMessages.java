package io.mycel.node.supervisor;

import io.mycel.node.api.Message;
import io.mycel.node.registry.Owner;
import java.util.Arrays;

/**
 * What supervisors send each other about tasks, and the client requests of the {@code tasks}
 * program. A task instance is named by its {@link Owner}: the node and that node's incarnation.
 * States travel as bytes; the records print their size, not their identity, so traces replay
 * byte for byte.
 */
public final class SupervisorMessages {

    private SupervisorMessages() {
    }

    /** Between supervisors. */
    public sealed interface SupervisorMessage extends Message permits Save, Saved, Fetch, Fetched, Release, Released {
        long rpc();

        String task();
    }

    /**
     * Store this checkpoint of {@code task} if it is newer than the one held; {@code holder} is the
     * instance that took it, holding the task at {@code epoch}, or null for a copy that claims nothing.
     */
    public record Save(long rpc, String task, long version, byte[] state, Owner holder, long epoch) implements SupervisorMessage {
        @Override
        public boolean equals(Object o) {
            return o instanceof Save s && s.rpc == rpc && s.task.equals(task) && s.version == version
                    && Arrays.equals(s.state, state) && java.util.Objects.equals(s.holder, holder) && s.epoch == epoch;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(rpc, task, version, Arrays.hashCode(state), holder, epoch);
        }

        @Override
        public String toString() {
            return "Save[rpc=" + rpc + ", task=" + task + ", version=" + version + ", " + state.length + " bytes, holder="
                    + holder + ", epoch=" + epoch + "]";
        }
    }

    /**
     * The replica now holds {@code storedVersion} of the task; {@code stop}: another instance holds the
     * name and wins, so the sender's instance must stop (and its checkpoint was not taken).
     */
    public record Saved(long rpc, String task, long storedVersion, boolean stop) implements SupervisorMessage {
    }

    /**
     * {@code claimant} claims the task's name at a replica with {@code epoch} and asks for its
     * checkpoint: the claim and the read happen in one step, so every save the replica took before is
     * in the answer and every save of an earlier holder after it is refused.
     */
    public record Fetch(long rpc, String task, Owner claimant, long epoch) implements SupervisorMessage {
    }

    /**
     * The replica's checkpoint; {@code holder} held the name before the claim, at {@code epoch}
     * (the epoch to outbid when the claim was not {@code granted}).
     */
    public record Fetched(long rpc, String task, long version, byte[] state, Owner holder, long epoch, boolean granted)
            implements SupervisorMessage {
        @Override
        public boolean equals(Object o) {
            return o instanceof Fetched f && f.rpc == rpc && f.task.equals(task) && f.version == version
                    && Arrays.equals(f.state, state) && java.util.Objects.equals(f.holder, holder) && f.epoch == epoch
                    && f.granted == granted;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(rpc, task, version, Arrays.hashCode(state), holder, epoch, granted);
        }

        @Override
        public String toString() {
            return "Fetched[rpc=" + rpc + ", task=" + task + ", version=" + version + ", " + state.length + " bytes, holder="
                    + holder + ", epoch=" + epoch + ", granted=" + granted + "]";
        }
    }

    /** The task's new owner asks the instance holding it to stop and hand over its state. */
    public record Release(long rpc, String task) implements SupervisorMessage {
    }

    /** The task's state at release ({@code running}: the sender ran it; if not, the state is empty). */
    public record Released(long rpc, String task, long version, byte[] state, boolean running) implements SupervisorMessage {
        @Override
        public boolean equals(Object o) {
            return o instanceof Released r && r.rpc == rpc && r.task.equals(task) && r.version == version
                    && Arrays.equals(r.state, state) && r.running == running;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(rpc, task, version, Arrays.hashCode(state), running);
        }

        @Override
        public String toString() {
            return "Released[rpc=" + rpc + ", task=" + task + ", version=" + version + ", " + state.length + " bytes, running=" + running + "]";
        }
    }

    /** A client asks where a task runs. */
    public record Whereis(long requestId, String task) implements Message {
    }

    /** Where the node believes the task runs: a node's name, or empty when it knows of none. */
    public record WhereisOk(long requestId, String task, String node) implements Message {
    }
}
