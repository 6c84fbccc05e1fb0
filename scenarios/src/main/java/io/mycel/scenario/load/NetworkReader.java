package io.mycel.scenario.load;

import io.mycel.node.api.Durations;
import io.mycel.node.api.NodeId;
import io.mycel.scenario.Scenario;
import io.mycel.sim.HandshakeModel;
import io.mycel.sim.LatencyDistribution;
import io.mycel.sim.LinkModel;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Reads {@code network}: the default link, per-link overrides, and latency distributions. */
final class NetworkReader {

    static final LatencyDistribution DEFAULT_LATENCY = new LatencyDistribution.Constant(1_000);

    private final Values values;
    private final NodeNames names;

    NetworkReader(Values values, NodeNames names) {
        this.values = values;
        this.names = names;
    }

    Scenario.Network read(Node node) {
        LinkModel base = LinkModel.reliable(DEFAULT_LATENCY);
        if (node == null) {
            return new Scenario.Network(base, List.of());
        }
        Fields f = new Fields(node, "network", values.problems());
        LinkModel defaultLink = link(f, base);
        List<Scenario.Link> links = new ArrayList<>();
        Node linksNode = f.get("links");
        if (linksNode != null) {
            int i = 0;
            for (Node item : values.list(linksNode, "network.links", "links such as {from: n1, to: n2, loss: 0.2}")) {
                Fields lf = new Fields(item, "network.links[" + i++ + "]", values.problems());
                NodeId from = names.resolve(lf.require("from", "a node name"), lf.field("from"));
                NodeId to = names.resolve(lf.require("to", "a node name"), lf.field("to"));
                boolean bothWays = lf.has("both-ways")
                        && Boolean.TRUE.equals(values.bool(lf.get("both-ways"), lf.field("both-ways"), "true or false"));
                if (!lf.has("latency") && !lf.has("loss") && !lf.has("duplicate") && !lf.has("reorder")) {
                    values.problems().add(item, lf.path(), "at least one of latency, loss, duplicate or reorder for this link"
                            + " (a link override is fixed: later loss and latency faults change only the default link)");
                }
                LinkModel model = link(lf, defaultLink);
                lf.rejectUnknown();
                if (from != null && to != null) {
                    links.add(new Scenario.Link(from, to, model));
                    if (bothWays) {
                        links.add(new Scenario.Link(to, from, model));
                    }
                }
            }
        }
        HandshakeModel secure = f.has("secure-links") ? secureLinks(f.get("secure-links"), f.field("secure-links")) : null;
        f.rejectUnknown();
        return new Scenario.Network(defaultLink, links, secure);
    }

    /**
     * {@code secure-links}: {@code true} (handshakes as measured, {@link HandshakeModel#TLS13}),
     * {@code false}, or a map: {@code resumption}, {@code retransmit}, and {@code full} and
     * {@code resumed} maps giving any of a handshake's figures, the others as measured.
     */
    private HandshakeModel secureLinks(Node node, String field) {
        HandshakeModel d = HandshakeModel.TLS13;
        if (node instanceof ScalarNode) {
            Boolean on = values.bool(node, field, "true, false, or a map such as {full: {initiator-cpu: 40ms, responder-cpu: 45ms}}");
            return Boolean.TRUE.equals(on) ? d : null;
        }
        Fields f = new Fields(node, field, values.problems());
        HandshakeModel.Cost full = f.has("full") ? cost(f.get("full"), f.field("full"), d.full()) : d.full();
        HandshakeModel.Cost resumed = f.has("resumed") ? cost(f.get("resumed"), f.field("resumed"), d.resumed()) : d.resumed();
        boolean resumption = d.resumption();
        if (f.has("resumption")) {
            resumption = Boolean.TRUE.equals(values.bool(f.get("resumption"), f.field("resumption"), "true or false"));
        }
        long retransmit = d.retransmitMicros();
        if (f.has("retransmit")) {
            retransmit = values.duration(f.get("retransmit"), f.field("retransmit"));
            if (retransmit < 1) {
                values.problems().add(f.get("retransmit"), f.field("retransmit"), "a duration of at least 1us, got 0");
                retransmit = d.retransmitMicros();
            }
        }
        f.rejectUnknown();
        return new HandshakeModel(full, resumed, resumption, retransmit);
    }

    private HandshakeModel.Cost cost(Node node, String field, HandshakeModel.Cost d) {
        Fields f = new Fields(node, field, values.problems());
        HandshakeModel.Cost cost = new HandshakeModel.Cost(bytes(f, "hello-bytes", d.helloBytes()),
                bytes(f, "server-flight-bytes", d.serverFlightBytes()), bytes(f, "client-flight-bytes", d.clientFlightBytes()),
                bytes(f, "ticket-bytes", d.ticketBytes()), micros(f, "initiator-cpu", d.initiatorCpuMicros()),
                micros(f, "responder-cpu", d.responderCpuMicros()));
        f.rejectUnknown();
        return cost;
    }

    private int bytes(Fields f, String key, int otherwise) {
        return f.has(key) ? (int) values.integer(f.get(key), f.field(key), 0, 1 << 20) : otherwise;
    }

    private long micros(Fields f, String key, long otherwise) {
        return f.has(key) ? values.duration(f.get(key), f.field(key)) : otherwise;
    }

    /** latency, loss, duplicate and reorder of a link; what is not given comes from {@code base}. */
    private LinkModel link(Fields f, LinkModel base) {
        LatencyDistribution latency = f.has("latency") ? latency(f.get("latency"), f.field("latency")) : base.latency();
        double loss = f.has("loss") ? values.probability(f.get("loss"), f.field("loss")) : base.loss();
        double duplicate = f.has("duplicate") ? values.probability(f.get("duplicate"), f.field("duplicate")) : base.duplicate();
        double reorder = f.has("reorder") ? values.probability(f.get("reorder"), f.field("reorder")) : base.reorder();
        return new LinkModel(latency == null ? base.latency() : latency, loss, duplicate, reorder);
    }

    /**
     * A latency distribution: a bare duration (constant), or {@code {dist: constant, value}},
     * {@code {dist: uniform, min, max}}, {@code {dist: normal, mean, stddev}},
     * {@code {dist: lognormal, median, p99}}. Returns null after recording a problem.
     */
    LatencyDistribution latency(Node node, String field) {
        if (node instanceof ScalarNode) {
            return new LatencyDistribution.Constant(values.duration(node, field));
        }
        Fields f = new Fields(node, field, values.problems());
        Node distNode = f.require("dist", "constant, uniform, normal or lognormal");
        String dist = distNode == null ? null : values.text(distNode, f.field("dist"));
        LatencyDistribution result = null;
        try {
            if (dist == null) {
                return null;
            }
            switch (dist) {
                case "constant" -> result = new LatencyDistribution.Constant(dur(f, "value"));
                case "uniform" -> result = new LatencyDistribution.Uniform(dur(f, "min"), dur(f, "max"));
                case "normal" -> result = new LatencyDistribution.Normal(dur(f, "mean"), dur(f, "stddev"));
                case "lognormal" -> result = new LatencyDistribution.LogNormal(dur(f, "median"), dur(f, "p99"));
                default -> {
                    values.problems().add(distNode, f.field("dist"),
                            "constant, uniform, normal or lognormal, got '" + dist + "'");
                    // The other fields cannot be judged without knowing the distribution.
                    return null;
                }
            }
        } catch (IllegalArgumentException e) {
            values.problems().add(node, field, "a valid " + dist + " distribution: " + e.getMessage());
            result = null;
        }
        f.rejectUnknown();
        return result;
    }

    private long dur(Fields f, String key) {
        Node n = f.require(key, "a duration such as " + Durations.format(5_000));
        return n == null ? 1 : values.duration(n, f.field(key));
    }
}
