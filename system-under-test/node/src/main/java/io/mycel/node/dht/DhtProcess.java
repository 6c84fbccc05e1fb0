package io.mycel.node.dht;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import io.mycel.node.dht.DhtMessages.Announce;
import io.mycel.node.dht.DhtMessages.AnnounceOk;
import io.mycel.node.dht.DhtMessages.Find;
import io.mycel.node.dht.DhtMessages.FindOk;
import io.mycel.node.dht.DhtMessages.Lookup;
import io.mycel.node.dht.DhtMessages.LookupOk;
import java.util.List;

/**
 * A node of the {@code dht} program: Kademlia, serving clients. Each answered lookup or find is
 * noted as {@value #HOPS_NOTE} with {@code KIND HOPS QUERIES} ({@code lookup} or {@code find}), so a
 * check can judge the hop counts and report their histogram.
 */
public final class DhtProcess implements Process {

    public static final String HOPS_NOTE = "dht-hops";

    private final Kademlia kademlia;

    DhtProcess(DhtConfig config) {
        this.kademlia = new Kademlia(config);
    }

    @Override
    public void onStart(NodeContext ctx) {
        kademlia.onStart(ctx);
    }

    @Override
    public void onMessage(NodeContext ctx, NodeId from, Message message) {
        if (Kademlia.handles(message)) {
            kademlia.onMessage(ctx, from, message);
        } else if (message instanceof Lookup m) {
            List<NodeId> members = ctx.members();
            NodeId target = members.get((int) Math.floorMod(m.index(), (long) members.size()));
            kademlia.locate(ctx, target, (c, found, hops, queries) -> {
                if (!found.isEmpty()) {
                    c.emit(HOPS_NOTE, "lookup " + hops + " " + queries);
                }
                c.send(from, new LookupOk(m.requestId(), target, !found.isEmpty()));
            });
        } else if (message instanceof Announce m) {
            kademlia.announce(ctx, m.service(), (c, stored) -> {
                if (stored > 0) {
                    c.send(from, new AnnounceOk(m.requestId(), stored));
                }
            });
        } else if (message instanceof Find m) {
            kademlia.find(ctx, m.service(), (c, providers, hops, queries) -> {
                if (!providers.isEmpty()) {
                    c.emit(HOPS_NOTE, "find " + hops + " " + queries);
                }
                c.send(from, new FindOk(m.requestId(), providers));
            });
        }
    }

    @Override
    public void onTimer(NodeContext ctx, TimerId timer) {
        kademlia.onTimer(ctx, timer);
    }

    /** For tests and benchmarks. */
    public Kademlia kademlia() {
        return kademlia;
    }
}
