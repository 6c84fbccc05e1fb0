package io.mycel.hil;

import io.mycel.node.api.NodeId;
import java.util.List;

/**
 * Partitions and one-way cuts between real nodes, with the simulator's meaning: a partition puts
 * each group on its own (nodes in no group form one more group), replacing the previous partition;
 * a cut stops traffic one way and adds to what is already cut; heal ends both. Clients are never
 * partitioned: they stand for processes beside their node.
 */
public interface NetworkFaults extends AutoCloseable {

    void partition(List<List<NodeId>> groups);

    void cut(List<NodeId> from, List<NodeId> to);

    void heal();

    /** Removes every rule this made. */
    @Override
    void close();
}
