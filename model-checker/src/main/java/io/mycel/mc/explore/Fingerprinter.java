package io.mycel.mc.explore;

import io.mycel.mc.state.NodeRenaming;
import io.mycel.mc.state.StateEncoder;
import io.mycel.mc.system.McSystem;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical bytes of a state: its encoding, or with symmetry the least encoding over every
 * renaming of the servers, so that states equal up to a renaming get the same bytes.
 */
final class Fingerprinter {

    private final StateEncoder encoder = new StateEncoder();
    private final List<NodeRenaming> renamings;
    private byte[] best = new byte[4096];
    private int bestLength;
    private long encodings;

    Fingerprinter(List<io.mycel.node.api.NodeId> servers, boolean symmetry) {
        this.renamings = symmetry ? NodeRenaming.all(servers) : List.of(NodeRenaming.NONE);
    }

    /** Encodes {@code state}; read the result with {@link #bytes()} and {@link #length()}. */
    void fingerprint(McSystem state) {
        bestLength = -1;
        for (NodeRenaming r : renamings) {
            state.encode(encoder, r);
            encodings++;
            int n = encoder.length();
            byte[] b = encoder.buffer();
            if (bestLength < 0 || Arrays.compareUnsigned(b, 0, n, best, 0, bestLength) < 0) {
                if (best.length < n) {
                    best = new byte[Math.max(n, best.length * 2)];
                }
                System.arraycopy(b, 0, best, 0, n);
                bestLength = n;
            }
        }
    }

    byte[] bytes() {
        return best;
    }

    int length() {
        return bestLength;
    }

    long encodings() {
        return encodings;
    }
}
