package io.mycel.node.raft;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.raft.RaftMessages.AppendEntries;
import io.mycel.node.raft.RaftMessages.AppendEntriesReply;
import io.mycel.node.raft.RaftMessages.InstallSnapshot;
import io.mycel.node.raft.RaftMessages.InstallSnapshotReply;
import io.mycel.node.raft.RaftMessages.PreVote;
import io.mycel.node.raft.RaftMessages.PreVoteReply;
import io.mycel.node.raft.RaftMessages.ReadIndexReply;
import io.mycel.node.raft.RaftMessages.ReadIndexRequest;
import io.mycel.node.raft.RaftMessages.RequestVote;
import io.mycel.node.raft.RaftMessages.RequestVoteReply;
import io.mycel.node.raft.RaftMessages.TimeoutNow;
import java.util.ArrayList;
import java.util.List;

/**
 * A tag byte, then the fields as variable-length numbers. Entries in an AppendEntries carry their
 * term and command; their indices follow from {@code prevLogIndex}, and a term going backward is
 * rejected as malformed, since no leader can produce it.
 */
public final class RaftCodec {

    private static final int PRE_VOTE = 1;
    private static final int PRE_VOTE_REPLY = 2;
    private static final int REQUEST_VOTE = 3;
    private static final int REQUEST_VOTE_REPLY = 4;
    private static final int APPEND_ENTRIES = 5;
    private static final int APPEND_ENTRIES_REPLY = 6;
    private static final int INSTALL_SNAPSHOT = 7;
    private static final int INSTALL_SNAPSHOT_REPLY = 8;
    private static final int TIMEOUT_NOW = 9;
    private static final int READ_INDEX_REQUEST = 10;
    private static final int READ_INDEX_REPLY = 11;

    public void encode(Message message, WireWriter out) {
        if (message instanceof PreVote m) {
            out.writeByte(PRE_VOTE).writeVarLong(m.term()).writeVarLong(m.lastLogIndex()).writeVarLong(m.lastLogTerm());
        } else if (message instanceof PreVoteReply m) {
            out.writeByte(PRE_VOTE_REPLY).writeVarLong(m.term()).writeVarLong(m.forTerm()).writeBoolean(m.granted());
        } else if (message instanceof RequestVote m) {
            out.writeByte(REQUEST_VOTE).writeVarLong(m.term()).writeVarLong(m.lastLogIndex())
                    .writeVarLong(m.lastLogTerm()).writeBoolean(m.transfer());
        } else if (message instanceof RequestVoteReply m) {
            out.writeByte(REQUEST_VOTE_REPLY).writeVarLong(m.term()).writeBoolean(m.granted());
        } else if (message instanceof AppendEntries m) {
            out.writeByte(APPEND_ENTRIES).writeVarLong(m.term()).writeVarLong(m.prevLogIndex())
                    .writeVarLong(m.prevLogTerm()).writeVarLong(m.leaderCommit()).writeVarLong(m.round())
                    .writeVarLong(m.entries().size());
            for (LogEntry entry : m.entries()) {
                writeEntryBody(out.writeVarLong(entry.term()), entry);
            }
        } else if (message instanceof AppendEntriesReply m) {
            out.writeByte(APPEND_ENTRIES_REPLY).writeVarLong(m.term()).writeBoolean(m.success()).writeVarLong(m.index())
                    .writeVarLong(m.round()).writeVarLong(m.entries());
        } else if (message instanceof InstallSnapshot m) {
            out.writeByte(INSTALL_SNAPSHOT).writeVarLong(m.term()).writeVarLong(m.lastIncludedIndex())
                    .writeVarLong(m.lastIncludedTerm()).writeVarLong(m.round());
            out.writeRaw(m.configuration().encode(), 0, m.configuration().encode().length);
            out.writeBytes(m.state());
        } else if (message instanceof InstallSnapshotReply m) {
            out.writeByte(INSTALL_SNAPSHOT_REPLY).writeVarLong(m.term()).writeVarLong(m.lastIncludedIndex())
                    .writeVarLong(m.round());
        } else if (message instanceof TimeoutNow m) {
            out.writeByte(TIMEOUT_NOW).writeVarLong(m.term());
        } else if (message instanceof ReadIndexRequest m) {
            out.writeByte(READ_INDEX_REQUEST).writeVarLong(m.term()).writeVarLong(m.requestId());
        } else if (message instanceof ReadIndexReply m) {
            out.writeByte(READ_INDEX_REPLY).writeVarLong(m.term()).writeVarLong(m.requestId()).writeVarLong(m.readIndex());
        } else {
            throw new IllegalArgumentException("not a raft message: " + message);
        }
    }

    /**
     * Terms and indices above this are malformed: no cluster gets near it, and a term of
     * Long.MAX_VALUE, once adopted, would overflow at the next election and stop the cluster forever.
     */
    static final long MAX_NUMBER = 1L << 62;

    public Message decode(WireReader in) throws MalformedMessageException {
        Message message = decodeUnchecked(in);
        if (!(message instanceof RaftMessages.RaftMessage m) || m.term() < 0 || m.term() > MAX_NUMBER) {
            throw new MalformedMessageException("term out of range in " + message.typeName());
        }
        if (message instanceof AppendEntries a && (a.prevLogIndex() > MAX_NUMBER || a.prevLogTerm() > MAX_NUMBER
                || a.leaderCommit() > MAX_NUMBER || a.leaderCommit() < 0 || a.prevLogTerm() < 0)) {
            throw new MalformedMessageException("index or term out of range in AppendEntries");
        }
        if (message instanceof RequestVote v && (v.lastLogIndex() < 0 || v.lastLogIndex() > MAX_NUMBER
                || v.lastLogTerm() < 0 || v.lastLogTerm() > MAX_NUMBER)) {
            throw new MalformedMessageException("index or term out of range in RequestVote");
        }
        if (message instanceof InstallSnapshot i && (i.lastIncludedIndex() < 1 || i.lastIncludedIndex() > MAX_NUMBER
                || i.lastIncludedTerm() < 1 || i.lastIncludedTerm() > MAX_NUMBER)) {
            throw new MalformedMessageException("index or term out of range in InstallSnapshot");
        }
        return message;
    }

    private Message decodeUnchecked(WireReader in) throws MalformedMessageException {
        int tag = in.readByte();
        return switch (tag) {
            case PRE_VOTE -> new PreVote(in.readVarLong(), in.readVarLong(), in.readVarLong());
            case PRE_VOTE_REPLY -> new PreVoteReply(in.readVarLong(), in.readVarLong(), in.readBoolean());
            case REQUEST_VOTE -> new RequestVote(in.readVarLong(), in.readVarLong(), in.readVarLong(), in.readBoolean());
            case REQUEST_VOTE_REPLY -> new RequestVoteReply(in.readVarLong(), in.readBoolean());
            case APPEND_ENTRIES -> decodeAppend(in);
            case APPEND_ENTRIES_REPLY -> new AppendEntriesReply(in.readVarLong(), in.readBoolean(), in.readVarLong(),
                    in.readVarLong(), in.readLength(RaftLimits.MAX_ENTRIES_PER_MESSAGE, "entries"));
            case INSTALL_SNAPSHOT -> decodeSnapshot(in);
            case INSTALL_SNAPSHOT_REPLY -> new InstallSnapshotReply(in.readVarLong(), in.readVarLong(), in.readVarLong());
            case TIMEOUT_NOW -> new TimeoutNow(in.readVarLong());
            case READ_INDEX_REQUEST -> new ReadIndexRequest(in.readVarLong(), in.readVarLong());
            case READ_INDEX_REPLY -> new ReadIndexReply(in.readVarLong(), in.readVarLong(), in.readVarLong());
            default -> throw new MalformedMessageException("unknown raft message tag " + tag);
        };
    }

    /** An entry's kind and data, after its term: shared by the wire and the durable log. */
    static void writeEntryBody(WireWriter out, LogEntry entry) {
        out.writeByte(entry.kind().ordinal()).writeBytes(entry.data());
    }

    static LogEntry readEntryBody(WireReader in, long index, long term) throws MalformedMessageException {
        int kind = in.readByte();
        if (kind >= LogEntry.Kind.values().length) {
            throw new MalformedMessageException("unknown log entry kind " + kind);
        }
        byte[] data = in.readBytes(RaftLimits.MAX_COMMAND_BYTES);
        LogEntry.Kind k = LogEntry.Kind.values()[kind];
        if (k == LogEntry.Kind.NOOP && data.length != 0) {
            throw new MalformedMessageException("a no-op entry with " + data.length + " bytes of data");
        }
        if (k == LogEntry.Kind.CONFIGURATION) {
            Configuration.decode(data);   // rejects a malformed configuration here, not when it is applied
        }
        return new LogEntry(index, term, k, data);
    }

    private static InstallSnapshot decodeSnapshot(WireReader in) throws MalformedMessageException {
        long term = in.readVarLong();
        long index = in.readVarLong();
        long snapshotTerm = in.readVarLong();
        long round = in.readVarLong();
        Configuration configuration = Configuration.decode(in);
        return new InstallSnapshot(term, index, snapshotTerm, configuration, in.readBytes(RaftLimits.MAX_SNAPSHOT_BYTES), round);
    }

    private static AppendEntries decodeAppend(WireReader in) throws MalformedMessageException {
        long term = in.readVarLong();
        long prevLogIndex = in.readVarLong();
        long prevLogTerm = in.readVarLong();
        long leaderCommit = in.readVarLong();
        long round = in.readVarLong();
        int count = in.readLength(RaftLimits.MAX_ENTRIES_PER_MESSAGE, "entries");
        if (prevLogIndex < 0 || prevLogIndex > Long.MAX_VALUE - count - 1) {
            throw new MalformedMessageException("prevLogIndex " + prevLogIndex + " out of range");
        }
        List<LogEntry> entries = new ArrayList<>(count);
        long previousTerm = prevLogTerm;
        for (int i = 0; i < count; i++) {
            long entryTerm = in.readVarLong();
            if (entryTerm < previousTerm || entryTerm > term || entryTerm < 1) {
                throw new MalformedMessageException("entry term " + entryTerm + " out of order after " + previousTerm
                        + " in an AppendEntries of term " + term);
            }
            entries.add(readEntryBody(in, prevLogIndex + 1 + i, entryTerm));
            previousTerm = entryTerm;
        }
        return new AppendEntries(term, prevLogIndex, prevLogTerm, entries, leaderCommit, round);
    }
}
