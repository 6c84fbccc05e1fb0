package io.mycel.faults.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.mycel.node.api.SeededRandom;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Mycel's fault proxy: TCP proxies with toxics, driven through Toxiproxy's HTTP API, so that
 * Toxiproxy's own clients (toxiproxy-java among them) drive it, and a real Toxiproxy server can take
 * its place on a bench (without the {@code mycel_link} toxic, which is Mycel's addition). One I/O
 * thread carries every proxied connection; the HTTP API answers on a thread of its own.
 */
public final class FaultProxy implements AutoCloseable {

    static {
        // The JDK's HTTP server writes a response's headers and body apart; with Nagle's algorithm on,
        // the body then waits for the client's delayed acknowledgement (40 ms on Linux) on every call,
        // which put a change to every link of a five-node cluster half a second behind its schedule.
        // The property is read once, when the server's configuration class loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** What {@code GET /version} answers; a client tells Mycel's proxy from Toxiproxy by the "mycel". */
    public static final String VERSION = "2.9.0-mycel";

    private final EventLoopGroup loop = new NioEventLoopGroup(1, new DefaultThreadFactory("fault-proxy", true));
    private final InetAddress source;
    private final SeededRandom random;
    private final Map<String, Proxy> proxies = new TreeMap<>();
    private HttpServer api;

    private FaultProxy(InetAddress source, long seed) {
        this.source = source;
        this.random = new SeededRandom(seed);
    }

    /**
     * Starts the API on {@code apiAddress} (port 0 picks one).
     *
     * @param source the address upstream connections are made from, so a firewall rule between
     *     nodes still tells whose traffic passes; null lets the machine choose
     * @param seed seeds every draw the toxics make (jitter, loss, duplication, toxicity)
     */
    public static FaultProxy start(InetSocketAddress apiAddress, InetAddress source, long seed) throws IOException {
        FaultProxy proxy = new FaultProxy(source, seed);
        try {
            proxy.api = ProxyApi.serve(proxy, apiAddress);
        } catch (IOException | RuntimeException e) {
            proxy.loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
        return proxy;
    }

    public InetSocketAddress apiAddress() {
        return api.getAddress();
    }

    synchronized ObjectNode create(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "a proxy is a JSON object such as {\"name\": \"a-b\", \"listen\": \"127.0.0.1:0\", \"upstream\": \"127.0.0.2:7000\"}");
        }
        String name = body.path("name").asText(null);
        if (name == null) {
            throw new ApiException(400, "a proxy needs a name");
        }
        if (proxies.containsKey(name)) {
            throw new ApiException(409, "proxy already exists: " + name);
        }
        Proxy proxy = new Proxy(name, body.path("listen").asText(null), body.path("upstream").asText(null), loop, source,
                random.fork("proxy-" + name));
        proxy.setEnabled(!body.hasNonNull("enabled") || Proxy.requireBoolean(body.get("enabled")));
        proxies.put(name, proxy);
        return proxy.toJson();
    }

    /** Toxiproxy's populate: creates each proxy, replacing one of the same name whose addresses differ. */
    synchronized ObjectNode populate(JsonNode body) {
        if (body == null || !body.isArray()) {
            throw new ApiException(400, "populate takes a JSON array of proxies");
        }
        ArrayNode created = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : body) {
            if (!item.path("name").isTextual()) {
                throw new ApiException(400, "each proxy to populate needs a name");
            }
            Proxy existing = proxies.get(item.path("name").asText());
            if (existing != null) {
                ObjectNode now = existing.toJson();
                if (now.path("listen").equals(item.path("listen")) && now.path("upstream").equals(item.path("upstream"))) {
                    created.add(now);
                    continue;
                }
                proxies.remove(existing.name()).close();
            }
            created.add(create(item));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("proxies", created);
        return out;
    }

    synchronized Proxy proxy(String name) {
        Proxy p = proxies.get(name);
        if (p == null) {
            throw new ApiException(404, "proxy not found: " + name);
        }
        return p;
    }

    synchronized void delete(String name) {
        proxy(name).close();
        proxies.remove(name);
    }

    synchronized ObjectNode all() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        proxies.forEach((name, p) -> out.set(name, p.toJson()));
        return out;
    }

    /** Toxiproxy's reset: every proxy enabled, every toxic removed. */
    synchronized void reset() {
        proxies.values().forEach(Proxy::reset);
    }

    @Override
    public void close() {
        if (api != null) {
            api.stop(0);
        }
        List<Proxy> all;
        synchronized (this) {
            all = new ArrayList<>(proxies.values());
            proxies.clear();
        }
        all.forEach(Proxy::close);
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
