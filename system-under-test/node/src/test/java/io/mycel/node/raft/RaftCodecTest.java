package io.mycel.node.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.raft.RaftMessages.AppendEntries;
import io.mycel.node.raft.RaftMessages.AppendEntriesReply;
import io.mycel.node.raft.RaftMessages.InstallSnapshot;
import io.mycel.node.raft.RaftMessages.InstallSnapshotReply;
import io.mycel.node.raft.RaftMessages.PreVote;
import io.mycel.node.raft.RaftMessages.PreVoteReply;
import io.mycel.node.raft.RaftMessages.RequestVote;
import io.mycel.node.raft.RaftMessages.RequestVoteReply;
import io.mycel.node.raft.RaftMessages.TimeoutNow;
import java.util.List;
import org.junit.jupiter.api.Test;

class RaftCodecTest {

    private final RaftCodec codec = new RaftCodec();

    private Message roundTrip(Message m) throws MalformedMessageException {
        WireWriter out = new WireWriter(64);
        codec.encode(m, out);
        WireReader in = new WireReader(out.toByteArray());
        Message back = codec.decode(in);
        assertEquals(0, in.remaining());
        return back;
    }

    @Test
    void everyMessageComesBackEqual() throws MalformedMessageException {
        List<Message> messages = List.of(
                new PreVote(7, 120, 6), new PreVoteReply(6, 7, true), new RequestVote(9, 300, 8, true),
                new RequestVoteReply(9, false),
                new AppendEntries(4, 10, 3, List.of(LogEntry.command(11, 3, new byte[] {1, 2}), LogEntry.noop(12, 4),
                        LogEntry.configuration(13, 4, new Configuration(List.of(NodeId.of("n2"), NodeId.of("n1"))))), 9, 17),
                new AppendEntries(4, 0, 0, List.of(), 0, 0),
                new AppendEntriesReply(4, false, 8, 17, 2), new InstallSnapshotReply(5, 40, 3), new TimeoutNow(12));
        for (Message m : messages) {
            assertEquals(m, roundTrip(m));
        }
        InstallSnapshot snapshot = new InstallSnapshot(5, 40, 4, new Configuration(List.of(NodeId.of("n3"))), new byte[] {9, 8, 7}, 3);
        InstallSnapshot back = (InstallSnapshot) roundTrip(snapshot);
        assertArrayEquals(snapshot.state(), back.state());
        assertEquals(snapshot.configuration(), back.configuration());
        assertEquals(snapshot.toString(), back.toString());
    }

    @Test
    void entriesWhoseTermsGoBackwardAreMalformed() {
        WireWriter out = new WireWriter(64);
        codec.encode(new AppendEntries(4, 10, 3, List.of(LogEntry.noop(11, 3)), 0, 0), out);
        byte[] good = out.toByteArray();
        WireWriter bad = new WireWriter(64);
        // Same message, but the entry claims term 2, below prevLogTerm 3.
        codec.encode(new AppendEntries(4, 10, 1, List.of(LogEntry.noop(11, 2)), 0, 0), bad);
        byte[] tampered = bad.toByteArray();
        tampered[3] = 3;   // prevLogTerm back to 3 (tag, term, prevLogIndex, prevLogTerm: one byte each)
        assertEquals(good.length, tampered.length);
        assertThrows(MalformedMessageException.class, () -> codec.decode(new WireReader(tampered)));
    }

    @Test
    void aConfigurationEntryThatIsNotOneIsMalformed() {
        WireWriter out = new WireWriter(64);
        codec.encode(new AppendEntries(4, 10, 3, List.of(new LogEntry(11, 4, LogEntry.Kind.CONFIGURATION, new byte[] {5})), 0, 0), out);
        assertThrows(MalformedMessageException.class, () -> codec.decode(new WireReader(out.toByteArray())));
    }

    @Test
    void termsAndIndicesBeyondAnyRealClusterAreMalformed() {
        for (Message m : List.of(new RequestVote(Long.MAX_VALUE, 1, 1, false), new AppendEntries(3, Long.MAX_VALUE, 1, List.of(), 0, 0),
                new RequestVoteReply(RaftCodec.MAX_NUMBER + 1, true))) {
            WireWriter out = new WireWriter(64);
            codec.encode(m, out);
            assertThrows(MalformedMessageException.class, () -> codec.decode(new WireReader(out.toByteArray())), m.toString());
        }
    }

    @Test
    void anUnknownTagIsMalformed() {
        assertThrows(MalformedMessageException.class, () -> codec.decode(new WireReader(new byte[] {42})));
    }
}
