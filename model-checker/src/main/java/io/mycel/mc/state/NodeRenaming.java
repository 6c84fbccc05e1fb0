package io.mycel.mc.state;

import io.mycel.node.api.NodeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A permutation of the server nodes, for symmetry reduction: server {@code i} is written as
 * {@code image[i]}. {@link #NONE} writes every id by its name.
 */
public final class NodeRenaming {

    public static final NodeRenaming NONE = new NodeRenaming(Map.of(), new int[0]);

    private final Map<NodeId, Integer> index;
    private final int[] image;

    private NodeRenaming(Map<NodeId, Integer> index, int[] image) {
        this.index = index;
        this.image = image;
    }

    public boolean active() {
        return image.length > 0;
    }

    /** The renamed index of {@code id}, or -1 when it is not a server (a client keeps its name). */
    int indexOf(NodeId id) {
        Integer i = index.get(id);
        return i == null ? -1 : image[i];
    }

    /** Where server {@code i} goes. */
    public int image(int i) {
        return image[i];
    }

    /** Every permutation of {@code servers}, the identity first. */
    public static List<NodeRenaming> all(List<NodeId> servers) {
        Map<NodeId, Integer> index = new HashMap<>();
        for (int i = 0; i < servers.size(); i++) {
            index.put(servers.get(i), i);
        }
        List<NodeRenaming> out = new ArrayList<>();
        permute(new int[servers.size()], new boolean[servers.size()], 0, index, out);
        return out;
    }

    private static void permute(int[] image, boolean[] used, int at, Map<NodeId, Integer> index, List<NodeRenaming> out) {
        if (at == image.length) {
            out.add(new NodeRenaming(index, image.clone()));
            return;
        }
        for (int v = 0; v < image.length; v++) {
            if (!used[v]) {
                used[v] = true;
                image[at] = v;
                permute(image, used, at + 1, index, out);
                used[v] = false;
            }
        }
    }
}
