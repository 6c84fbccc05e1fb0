package io.mycel.node.raft;

import io.mycel.node.api.Message;
import java.util.List;

/** The messages Raft nodes send each other, named after the paper's RPCs and their replies. */
public final class RaftMessages {

    private RaftMessages() {
    }

    /** Every Raft message carries the sender's term, the one number every handler looks at first. */
    public sealed interface RaftMessage extends Message
            permits PreVote, PreVoteReply, RequestVote, RequestVoteReply, AppendEntries, AppendEntriesReply,
            InstallSnapshot, InstallSnapshotReply, TimeoutNow, ReadIndexRequest, ReadIndexReply {
        long term();
    }

    /**
     * Would you vote for me in {@code term} (the sender's term plus one)? Sent before a real
     * election, so a node cut off from the leader cannot raise everyone's term when it comes back
     * (Ongaro's thesis §9.6). The sender's term is not raised by asking.
     */
    public record PreVote(long term, long lastLogIndex, long lastLogTerm) implements RaftMessage {
    }

    /** {@code term} is the replier's current term; {@code forTerm} the term asked about. */
    public record PreVoteReply(long term, long forTerm, boolean granted) implements RaftMessage {
    }

    /** {@code transfer}: sent on a leader's TimeoutNow, so voters ignore the leader they still hear. */
    public record RequestVote(long term, long lastLogIndex, long lastLogTerm, boolean transfer) implements RaftMessage {
    }

    public record RequestVoteReply(long term, boolean granted) implements RaftMessage {
    }

    /**
     * Entries to append after ({@code prevLogIndex}, {@code prevLogTerm}), and the leader's commit
     * index. {@code round} numbers the leader's heartbeats within its term; a reply echoes it, which
     * confirms the leader was still leader when the round began (for read-index reads).
     */
    public record AppendEntries(long term, long prevLogIndex, long prevLogTerm, List<LogEntry> entries,
                                long leaderCommit, long round) implements RaftMessage {
        public AppendEntries {
            entries = List.copyOf(entries);
        }
    }

    /**
     * On success {@code index} is the last index the follower now holds in agreement with the
     * leader; on failure, where the leader should try next. {@code entries} echoes how many entries
     * the request carried, so the leader can count what is still in flight.
     */
    public record AppendEntriesReply(long term, boolean success, long index, long round, int entries)
            implements RaftMessage {
    }

    /**
     * The leader's whole snapshot, for a follower that needs entries it compacted away, with the
     * configuration in force at its last entry.
     */
    public record InstallSnapshot(long term, long lastIncludedIndex, long lastIncludedTerm, Configuration configuration,
                                  byte[] state, long round) implements RaftMessage {
        @Override
        public String toString() {
            return "InstallSnapshot[term=" + term + ", lastIncludedIndex=" + lastIncludedIndex + ", lastIncludedTerm="
                    + lastIncludedTerm + ", voters=" + configuration + ", state=" + state.length + "B, round=" + round + "]";
        }
    }

    public record InstallSnapshotReply(long term, long lastIncludedIndex, long round) implements RaftMessage {
    }

    /**
     * A follower asks the leader for a read index, to learn how fresh its local state is: once it
     * has applied the index the leader answers, its state holds every write acknowledged before it
     * sent the request.
     */
    public record ReadIndexRequest(long term, long requestId) implements RaftMessage {
    }

    public record ReadIndexReply(long term, long requestId, long readIndex) implements RaftMessage {
    }

    /** From a leader handing over: start an election now, without waiting for a timeout. */
    public record TimeoutNow(long term) implements RaftMessage {
    }
}
