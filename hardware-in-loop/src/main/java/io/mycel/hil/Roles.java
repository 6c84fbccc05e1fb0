package io.mycel.hil;

import io.mycel.node.api.NodeId;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Asks real nodes the role their program reports ({@code GET /role} beside their metrics): the
 * simulator reads the same {@code Program.role} from a node's state, so a fault aimed at the leader
 * picks, as there, the first node in the scenario's order that says it leads. A node that does not
 * answer within the timeout (down, frozen, cut off from the harness) leads nothing.
 */
final class Roles {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final ClusterBackend backend;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    Roles(ClusterBackend backend) {
        this.backend = backend;
    }

    /**
     * The first of {@code nodes}, in their order, that says it leads now; null when none does. All
     * are asked at once: on a loaded machine one answer can take a few hundred milliseconds, and
     * asking in turn put leader-aimed faults most of a second behind their schedule.
     */
    NodeId leader(List<NodeId> nodes) {
        Map<NodeId, CompletableFuture<String>> asked = new LinkedHashMap<>();
        for (NodeId node : nodes) {
            asked.put(node, ask(node));
        }
        NodeId leader = null;
        for (Map.Entry<NodeId, CompletableFuture<String>> answer : asked.entrySet()) {
            if (leader == null && "leader".equals(answer.getValue().join())) {
                leader = answer.getKey();
            }
        }
        return leader;
    }

    /** The node's role ({@code none} when its program has none), or null when it cannot be asked or does not answer in time. */
    private CompletableFuture<String> ask(NodeId node) {
        InetSocketAddress address = backend.metricsAddress(node);
        if (address == null) {
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address.getAddress().getHostAddress() + ":"
                + address.getPort() + "/role")).timeout(TIMEOUT).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> response.statusCode() == 200 ? response.body().trim() : null)
                .exceptionally(e -> null);
    }
}
