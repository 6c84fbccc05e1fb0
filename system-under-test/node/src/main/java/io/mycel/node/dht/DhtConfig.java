package io.mycel.node.dht;

import io.mycel.node.api.ConfigOption;
import io.mycel.node.api.ProgramConfig;
import java.util.Arrays;
import java.util.List;

/**
 * Kademlia's settings.
 *
 * @param k bucket size, and how many closest nodes a lookup finds and a record is stored on
 * @param alpha queries a lookup keeps in flight
 * @param attempts times a lookup asks a node that does not answer before giving it up
 * @param seeds how many of the configured nodes, from the first, a node bootstraps from
 * @param staleAfter RPCs in a row a contact may miss before a waiting replacement takes its place
 */
public record DhtConfig(int k, int alpha, int attempts, int seeds, long rpcTimeoutMicros, int staleAfter, long refreshMicros,
                        long republishMicros, long recordTtlMicros, DhtBug bug) {

    public DhtConfig {
        if (k < 1 || k > DhtLimits.MAX_CONTACTS || alpha < 1 || attempts < 1 || seeds < 1 || staleAfter < 1) {
            throw new IllegalArgumentException("k in 1.." + DhtLimits.MAX_CONTACTS + ", alpha, seeds and stale-after at least 1");
        }
        if (recordTtlMicros <= republishMicros) {
            throw new IllegalArgumentException("record-ttl must exceed republish-interval, or records lapse between rounds");
        }
    }

    static List<ConfigOption> options() {
        return List.of(
                ConfigOption.integer("k", "8", 1, "bucket size; a lookup finds, and a record is stored on, the k closest nodes"),
                ConfigOption.integer("alpha", "3", 1, "queries a lookup keeps in flight"),
                ConfigOption.integer("attempts", "3", 1, "times a lookup asks a node that does not answer before giving it up"),
                ConfigOption.integer("seeds", "3", 1, "nodes a node bootstraps from: the first ones configured"),
                ConfigOption.duration("rpc-timeout", "200ms", "1ms", "wait for an answer before a query counts as failed"),
                ConfigOption.integer("stale-after", "2", 1, "missed RPCs in a row before a contact yields to a waiting replacement"),
                ConfigOption.duration("refresh-interval", "10s", "1ms", "a bucket without a lookup this long is refreshed"),
                ConfigOption.duration("republish-interval", "5s", "1ms", "providers store their records again this often"),
                ConfigOption.duration("record-ttl", "15s", "1ms", "a provider record not stored again this long expires"),
                ConfigOption.choice("bug", "none", Arrays.stream(DhtBug.values()).map(DhtBug::label).toList(),
                        "plants a bug the checks must catch"));
    }

    /** What is wrong with the options together, or null. */
    static String problemWith(ProgramConfig config) {
        if (config.integer("k") > DhtLimits.MAX_CONTACTS) {
            return "k at most " + DhtLimits.MAX_CONTACTS + " (contacts one message carries), got " + config.integer("k");
        }
        if (config.durationMicros("record-ttl") <= config.durationMicros("republish-interval")) {
            return "record-ttl longer than republish-interval, or records lapse between rounds; got "
                    + config.string("record-ttl") + " and " + config.string("republish-interval");
        }
        return null;
    }

    static DhtConfig of(ProgramConfig config) {
        return new DhtConfig((int) config.integer("k"), (int) config.integer("alpha"), (int) config.integer("attempts"),
                (int) config.integer("seeds"),
                config.durationMicros("rpc-timeout"), (int) config.integer("stale-after"),
                config.durationMicros("refresh-interval"), config.durationMicros("republish-interval"),
                config.durationMicros("record-ttl"), DhtBug.of(config.string("bug")));
    }

    KeyOrder order() {
        return bug == DhtBug.SIGNED_DISTANCE ? KeyOrder.SIGNED : KeyOrder.UNSIGNED;
    }
}
