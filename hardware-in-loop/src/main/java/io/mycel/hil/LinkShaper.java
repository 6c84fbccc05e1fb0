package io.mycel.hil;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.mycel.faults.proxy.LinkShape;
import io.mycel.node.api.NodeId;
import io.mycel.scenario.Scenario;
import io.mycel.sim.LatencyDistribution;
import io.mycel.sim.LinkModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scenario's link models on real links. Each node reaches each peer through a proxy of the fault
 * proxy running beside it (in its own network, so its upstream connections still come from its
 * address and firewall partitions still tell nodes apart); the proxy for the link from A to B holds
 * one {@code mycel_link} toxic on its upstream stream, which applies that link's model frame by
 * frame: latency drawn from the scenario's distribution, loss, duplication and reordering. The
 * latency and loss faults change the default link, as in simulation, and every link without a model
 * of its own follows.
 *
 * <p>A backend calls {@link #attach} whenever a node's proxy comes up (once, or after each restart
 * where the proxy dies with the node). Against a real Toxiproxy server (its version does not say
 * "mycel") only latency can be made: a {@code latency} toxic with the distribution's middle and
 * spread; {@link #refusal} then says what is left out.
 */
public final class LinkShaper {

    /** The toxic's name on every link proxy. */
    static final String TOXIC = "scenario-link";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LinkModel TRANSPARENT = LinkModel.reliable(new LatencyDistribution.Constant(0));

    private final List<NodeId> nodes;
    private final Map<String, LinkModel> overrides = new TreeMap<>();
    private final Map<NodeId, ToxiproxyClient> attached = new TreeMap<>();
    private final Map<NodeId, InetSocketAddress> apis = new TreeMap<>();
    private final Map<NodeId, Boolean> mycel = new TreeMap<>();
    /** Whether each link's proxy holds the toxic now, as far as this knows (forgotten when its node's proxy comes up again). */
    private final Map<String, Boolean> shaped = new TreeMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LinkModel defaultLink;

    public LinkShaper(List<NodeId> nodes, Scenario.Network network) {
        this.nodes = List.copyOf(nodes);
        this.defaultLink = network.defaultLink();
        network.links().forEach(l -> overrides.put(key(l.from(), l.to()), l.model()));
    }

    /** Whether a run of this scenario needs shaped links: a model that is not a bare wire, or faults that change one. */
    public static boolean needed(Scenario.Network network, boolean linkFaults) {
        return linkFaults || !network.links().isEmpty() || !transparent(network.defaultLink());
    }

    static String proxyName(NodeId from, NodeId to) {
        return from.name() + "_to_" + to.name();
    }

    /**
     * A node's proxy answers at {@code api}: makes the proxy of each of its links (those missing),
     * listening where the node's config sends it, and gives each link its model.
     *
     * @param listen where the proxy for the link to each peer listens
     * @param upstream where each peer really listens, as seen from the node's network
     */
    public synchronized void attach(NodeId node, InetSocketAddress api, Map<NodeId, String> listen,
                                    Map<NodeId, InetSocketAddress> upstream) throws IOException {
        ToxiproxyClient client = new ToxiproxyClient(api.getAddress().getHostAddress(), api.getPort());
        mycel.put(node, client.version().contains("mycel"));
        for (NodeId peer : nodes) {
            if (peer.equals(node)) {
                continue;
            }
            String name = proxyName(node, peer);
            if (client.getProxyOrNull(name) == null) {
                client.createProxy(name, listen.get(peer), NodeYaml.hostPort(upstream.get(peer)));
            }
        }
        attached.put(node, client);
        apis.put(node, api);
        shaped.keySet().removeIf(link -> link.startsWith(node.name() + ">"));
        for (NodeId peer : nodes) {
            if (!peer.equals(node)) {
                apply(node, peer);
            }
        }
    }

    public synchronized LinkModel defaultLink() {
        return defaultLink;
    }

    /** Changes the model of every link that has none of its own, on every proxy attached. */
    public synchronized void setDefaultLink(LinkModel link) {
        defaultLink = link;
        for (NodeId from : attached.keySet()) {
            for (NodeId to : nodes) {
                if (!from.equals(to) && !overrides.containsKey(key(from, to))) {
                    apply(from, to);
                }
            }
        }
    }

    /** What the attached proxies cannot make of the models asked (a real Toxiproxy's), or null. */
    public synchronized String refusal() {
        boolean foreign = mycel.containsValue(false);
        return foreign ? "a Toxiproxy server applies latency only: loss, duplication and reordering are left out" : null;
    }

    private void apply(NodeId from, NodeId to) {
        LinkModel model = overrides.getOrDefault(key(from, to), defaultLink);
        try {
            if (mycel.get(from)) {
                applyMycel(from, to, model);
            } else {
                applyLatencyOnly(attached.get(from).getProxy(proxyName(from, to)), model);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot shape the link from " + from + " to " + to + " on its fault proxy at "
                    + apis.get(from) + ": " + e.getMessage(), e);
        }
    }

    private void applyMycel(NodeId from, NodeId to, LinkModel model) throws IOException {
        String toxics = "/proxies/" + proxyName(from, to) + "/toxics";
        Boolean known = shaped.get(key(from, to));
        boolean present = known != null ? known
                : send(from, HttpRequest.newBuilder(uri(from, toxics + "/" + TOXIC)).GET()).statusCode() == 200;
        if (transparent(model)) {
            if (present) {
                expect(send(from, HttpRequest.newBuilder(uri(from, toxics + "/" + TOXIC)).DELETE()), 204, from);
            }
        } else {
            ObjectNode body = JSON.createObjectNode();
            if (!present) {
                body.put("name", TOXIC).put("type", LinkShape.TYPE).put("stream", "upstream");
            }
            body.set("attributes", JSON.valueToTree(LinkShape.attributesOf(model)));
            String path = present ? toxics + "/" + TOXIC : toxics;
            expect(send(from, HttpRequest.newBuilder(uri(from, path))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))), 200, from);
        }
        shaped.put(key(from, to), !transparent(model));
    }

    private static void applyLatencyOnly(Proxy proxy, LinkModel model) throws IOException {
        for (Toxic t : proxy.toxics().getAll()) {
            if (t.getName().equals(TOXIC)) {
                t.remove();
            }
        }
        long[] middleAndSpread = middleAndSpreadMillis(model.latency());
        if (middleAndSpread[0] > 0 || middleAndSpread[1] > 0) {
            proxy.toxics().latency(TOXIC, ToxicDirection.UPSTREAM, middleAndSpread[0]).setJitter(middleAndSpread[1]);
        }
    }

    /** Toxiproxy's latency and jitter (a uniform spread either side) closest to a distribution, in ms. */
    static long[] middleAndSpreadMillis(LatencyDistribution latency) {
        if (latency instanceof LatencyDistribution.Constant c) {
            return new long[] {c.micros() / 1000, 0};
        }
        if (latency instanceof LatencyDistribution.Uniform u) {
            return new long[] {(u.minMicros() + u.maxMicros()) / 2000, (u.maxMicros() - u.minMicros()) / 2000};
        }
        if (latency instanceof LatencyDistribution.Normal n) {
            return new long[] {n.meanMicros() / 1000, Math.round(n.stddevMicros() * Math.sqrt(3) / 1000)};   // the same variance
        }
        LatencyDistribution.LogNormal l = (LatencyDistribution.LogNormal) latency;
        return new long[] {l.medianMicros() / 1000, (l.p99Micros() - l.medianMicros()) / 2000};
    }

    private HttpResponse<String> send(NodeId node, HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted talking to " + node + "'s fault proxy", e);
        }
    }

    private static void expect(HttpResponse<String> response, int wanted, NodeId node) throws IOException {
        if (response.statusCode() != wanted) {
            throw new IOException(node + "'s fault proxy answered " + response.statusCode() + ": " + response.body());
        }
    }

    private URI uri(NodeId node, String path) {
        InetSocketAddress api = apis.get(node);
        return URI.create("http://" + api.getAddress().getHostAddress() + ":" + api.getPort() + path);
    }

    private static boolean transparent(LinkModel model) {
        return model.equals(TRANSPARENT);
    }

    private static String key(NodeId from, NodeId to) {
        return from.name() + ">" + to.name();
    }
}
