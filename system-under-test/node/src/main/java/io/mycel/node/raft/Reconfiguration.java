package io.mycel.node.raft;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;

/**
 * Membership change one server at a time (Ongaro's thesis §4.1): any two majorities of
 * configurations that differ by one server overlap, so no joint consensus is needed. A
 * configuration is in force on a node as soon as it is in its log (committed or not) and falls
 * back to the previous one if truncated away. A second change waits until the first is committed,
 * and a new leader makes none before its no-op is committed (the fix of the published bug in
 * §4.1's single-server algorithm).
 */
final class Reconfiguration {

    private final RaftNode node;

    Reconfiguration(RaftNode node) {
        this.node = node;
    }

    VoterChange change(NodeContext ctx, NodeId target, boolean add) {
        if (!(node.quorum.state() instanceof LeaderState leader)) {
            return new VoterChange(VoterChange.Outcome.NOT_LEADER, -1);
        }
        if (!target.equals(node.self) && !node.peers.contains(target)) {
            return new VoterChange(VoterChange.Outcome.REFUSED, -1);
        }
        // Busy first: an uncommitted configuration may still be truncated away, so "unchanged" can
        // only be said of a committed one.
        if (node.configurationIndex > node.commitIndex || node.commitIndex < leader.noopIndex()
                || leader.transferTarget() != null) {
            return new VoterChange(VoterChange.Outcome.BUSY, -1);
        }
        Configuration current = node.configuration;
        if (add == current.isVoter(target)) {
            return new VoterChange(VoterChange.Outcome.UNCHANGED, node.configurationIndex);
        }
        if (!add && current.voters().size() == 1) {
            return new VoterChange(VoterChange.Outcome.REFUSED, -1);
        }
        Configuration next = add ? current.with(target) : current.without(target);
        LogEntry entry = LogEntry.configuration(node.log.lastIndex() + 1, node.quorum.term(), next);
        node.appendOwn(entry);
        reload(ctx);
        node.replicateNow(ctx, leader);
        return new VoterChange(VoterChange.Outcome.APPENDED, entry.index());
    }

    /** Takes the configuration from the latest configuration entry in the log, or the snapshot's. */
    void reload(NodeContext ctx) {
        Configuration before = node.configuration;
        node.configuration = node.snapshotConfiguration;
        node.configurationIndex = node.log.snapshotIndex();
        for (long i = node.log.lastIndex(); i > node.log.snapshotIndex(); i--) {
            LogEntry entry = node.log.entry(i);
            if (entry.kind() == LogEntry.Kind.CONFIGURATION) {
                node.configuration = decode(entry);
                node.configurationIndex = i;
                break;
            }
        }
        if (before != null && !node.configuration.equals(before)) {
            ctx.emit("raft-configuration", "voters " + node.configuration + " from entry " + node.configurationIndex);
        }
    }

    /** The configuration in force at {@code index}: that of the latest configuration entry at or before it. */
    Configuration configurationAt(long index) {
        for (long i = Math.min(index, node.log.lastIndex()); i > node.log.snapshotIndex(); i--) {
            LogEntry entry = node.log.entry(i);
            if (entry.kind() == LogEntry.Kind.CONFIGURATION) {
                return decode(entry);
            }
        }
        return node.snapshotConfiguration;
    }

    private static Configuration decode(LogEntry entry) {
        try {
            return Configuration.decode(entry.data());
        } catch (MalformedMessageException e) {
            // Checked when the entry was decoded from the wire or the disk: a bad one here is a bug.
            throw new IllegalStateException("configuration entry " + entry + " is corrupt", e);
        }
    }
}
