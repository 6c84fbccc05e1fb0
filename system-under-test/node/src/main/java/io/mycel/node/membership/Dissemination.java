package io.mycel.node.membership;

import io.mycel.node.api.NodeId;
import io.mycel.node.membership.SwimMessages.Update;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * The piggyback buffer of SWIM's infection-style dissemination. Only the newest update per member
 * is kept. Each message takes the updates sent least often so far (ties by member name), and an
 * update is dropped after lambda * ceil(log2(n + 1)) sends, the paper's bound for reaching every
 * member with high probability.
 */
final class Dissemination {

    private static final class Entry {
        final Update update;
        int sends;

        Entry(Update update) {
            this.update = update;
        }
    }

    private final TreeMap<NodeId, Entry> entries = new TreeMap<>();
    private final int perMessage;
    private final int multiplier;

    Dissemination(int perMessage, int multiplier) {
        this.perMessage = perMessage;
        this.multiplier = multiplier;
    }

    void add(Update update) {
        entries.put(update.node(), new Entry(update));
    }

    int pending() {
        return entries.size();
    }

    /** The updates for one outgoing message, counting the send. */
    List<Update> take(int clusterSize) {
        if (entries.isEmpty()) {
            return List.of();
        }
        int limit = multiplier * (64 - Long.numberOfLeadingZeros(clusterSize));   // lambda * ceil(log2(n + 1))
        // A stable sort keeps name order among updates sent equally often.
        List<Entry> chosen = new ArrayList<>(entries.values());
        chosen.sort(Comparator.comparingInt(e -> e.sends));
        chosen = chosen.subList(0, Math.min(perMessage, chosen.size()));
        List<Update> out = new ArrayList<>(chosen.size());
        for (Entry e : chosen) {
            out.add(e.update);
            if (++e.sends >= limit) {
                entries.remove(e.update.node());
            }
        }
        return out;
    }
}
