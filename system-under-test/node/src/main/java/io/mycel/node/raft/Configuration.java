package io.mycel.node.raft;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The voters of a cluster: who counts for elections and commitment. Changes go one server at a
 * time (thesis §4.1): any two majorities of configurations that differ by one server overlap, so
 * no two leaders can be elected in one term across a change. Nodes that are not voters still get
 * the log (as learners), so a node added back is already caught up.
 */
public final class Configuration {

    public static final int MAX_VOTERS = 1024;

    private final List<NodeId> voters;

    public Configuration(Collection<NodeId> voters) {
        this.voters = List.copyOf(new TreeSet<>(voters));
        if (this.voters.isEmpty() || this.voters.size() > MAX_VOTERS) {
            throw new IllegalArgumentException("a configuration needs 1.." + MAX_VOTERS + " voters, got " + voters);
        }
    }

    public List<NodeId> voters() {
        return voters;
    }

    public boolean isVoter(NodeId node) {
        return voters.contains(node);
    }

    public int quorum() {
        return voters.size() / 2 + 1;
    }

    /** How many of {@code nodes} are voters. */
    public int countVoters(Collection<NodeId> nodes) {
        int count = 0;
        for (NodeId n : nodes) {
            if (voters.contains(n)) {
                count++;
            }
        }
        return count;
    }

    public Configuration with(NodeId node) {
        List<NodeId> more = new ArrayList<>(voters);
        more.add(node);
        return new Configuration(more);
    }

    public Configuration without(NodeId node) {
        List<NodeId> fewer = new ArrayList<>(voters);
        fewer.remove(node);
        return new Configuration(fewer);
    }

    byte[] encode() {
        WireWriter out = new WireWriter(8 * voters.size() + 4).writeVarLong(voters.size());
        for (NodeId v : voters) {
            out.writeNodeId(v);
        }
        return out.toByteArray();
    }

    static Configuration decode(WireReader in) throws MalformedMessageException {
        int count = in.readLength(MAX_VOTERS, "voters");
        List<NodeId> voters = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            voters.add(in.readNodeId());
        }
        if (voters.isEmpty()) {
            throw new MalformedMessageException("a configuration without voters");
        }
        return new Configuration(voters);
    }

    static Configuration decode(byte[] data) throws MalformedMessageException {
        WireReader in = new WireReader(data);
        Configuration c = decode(in);
        if (in.remaining() != 0) {
            throw new MalformedMessageException(in.remaining() + " trailing bytes after a configuration");
        }
        return c;
    }

    /** For {@code toString}s: the decoded configuration, or null when the bytes are not one. */
    static Configuration decodeOrNull(byte[] data) {
        try {
            return decode(data);
        } catch (MalformedMessageException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Configuration c && c.voters.equals(voters);
    }

    @Override
    public int hashCode() {
        return voters.hashCode();
    }

    @Override
    public String toString() {
        return voters.toString();
    }
}
