package io.mycel.node.registry;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replicated table of a global process registry, as Syn keeps one on the BEAM: each name is
 * held by at most one task, and a task belongs to one incarnation of one node. It changes only by
 * commands a log agreed on, so every replica that applied the same prefix holds the same table.
 *
 * <p>A node's tasks die with it. When a node starts again it comes back as a new incarnation and
 * {@link #purge}s its earlier ones: every name their tasks held is free again, and any command
 * still in flight from an earlier incarnation (a register that reached the log late) is refused,
 * since its task is gone. A command from a later incarnation than the table knows purges the
 * earlier ones as well, so the table never holds two lives of one node.
 */
public final class NameRegistry {

    /** What a command did: {@code ok} or not, and the holder it answers about (null: none). */
    public record Outcome(boolean ok, Registration holder) {
        public String answer() {
            return holder == null ? null : holder.toString();
        }
    }

    private final TreeMap<String, Registration> names = new TreeMap<>();
    /** The latest incarnation the table knows of each node; earlier ones are dead. */
    private final TreeMap<NodeId, Long> incarnations = new TreeMap<>();

    /** Gives {@code name} to the task if the name is free; answers the holder either way. */
    public Outcome register(String name, Registration task) {
        if (!alive(task.owner())) {
            return new Outcome(false, null);   // its node restarted since: the task is dead
        }
        Registration holder = names.get(name);
        if (holder != null) {
            return new Outcome(false, holder);
        }
        names.put(name, task);
        return new Outcome(true, task);
    }

    /** Frees {@code name} when a task of {@code owner} holds it. */
    public Outcome unregister(String name, Owner owner) {
        Registration holder = names.get(name);
        if (holder == null || !alive(owner) || !holder.owner().equals(owner)) {
            return new Outcome(false, holder);
        }
        names.remove(name);
        return new Outcome(true, holder);
    }

    /** Releases every name held by a task of {@code owner}'s node from before {@code owner}'s incarnation. */
    public Outcome purge(Owner owner) {
        alive(owner);
        return new Outcome(true, null);
    }

    public Registration whereis(String name) {
        return names.get(name);
    }

    /** The latest incarnation of {@code node} this table knows, 0 when none. */
    public long incarnation(NodeId node) {
        return incarnations.getOrDefault(node, 0L);
    }

    public int size() {
        return names.size();
    }

    /**
     * Whether {@code owner} is its node's latest known life; learning of a later one purges the
     * earlier ones.
     */
    private boolean alive(Owner owner) {
        long known = incarnation(owner.node());
        if (owner.incarnation() < known) {
            return false;
        }
        if (owner.incarnation() > known) {
            incarnations.put(owner.node(), owner.incarnation());
            for (Iterator<Registration> it = names.values().iterator(); it.hasNext(); ) {
                Registration held = it.next();
                if (held.owner().node().equals(owner.node()) && held.owner().incarnation() < owner.incarnation()) {
                    it.remove();
                }
            }
        }
        return true;
    }

    public void writeTo(WireWriter out) {
        out.writeVarLong(names.size());
        for (Map.Entry<String, Registration> e : names.entrySet()) {
            Registration r = e.getValue();
            out.writeString(e.getKey()).writeNodeId(r.owner().node()).writeVarLong(r.owner().incarnation()).writeVarLong(r.task());
        }
        out.writeVarLong(incarnations.size());
        for (Map.Entry<NodeId, Long> e : incarnations.entrySet()) {
            out.writeNodeId(e.getKey()).writeVarLong(e.getValue());
        }
    }

    /** A table read back from {@link #writeTo}; a malformed one throws and changes nothing. */
    public static NameRegistry readFrom(WireReader in, int maxNameBytes) throws MalformedMessageException {
        NameRegistry table = new NameRegistry();
        long count = in.readVarLong();
        for (long i = 0; i < count; i++) {
            String name = in.readString(maxNameBytes);
            try {
                table.names.put(name, new Registration(new Owner(in.readNodeId(), in.readVarLong()), in.readVarLong()));
            } catch (IllegalArgumentException e) {
                throw new MalformedMessageException("registry entry " + name + ": " + e.getMessage());
            }
        }
        long nodes = in.readVarLong();
        for (long i = 0; i < nodes; i++) {
            table.incarnations.put(in.readNodeId(), in.readVarLong());
        }
        return table;
    }

    /** Takes over another table's contents (a snapshot restored). */
    public void replaceWith(NameRegistry other) {
        names.clear();
        names.putAll(other.names);
        incarnations.clear();
        incarnations.putAll(other.incarnations);
    }
}
