package io.mycel.faults.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mycel.node.api.SeededRandom;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One named proxy, as Toxiproxy has them: it listens on {@code listen}, opens a connection to
 * {@code upstream} for each one it accepts, and pipes both ways through its toxics. Disabled, it
 * neither listens nor keeps any connection (Toxiproxy's "down"). The API's calls are serialised on
 * this object; the connections read the toxic list, which is replaced whole on every change.
 */
final class Proxy {

    private final String name;
    private final EventLoopGroup loop;
    /** The address upstream connections come from (a node's own), or null for the machine's choice. */
    private final InetAddress source;
    private final SeededRandom random;
    private String listen;
    private String upstream;
    /**
     * The upstream resolved by the API's thread, read by the event loop on every accept: the loop
     * must never wait for the API's lock, nor for a name lookup.
     */
    private volatile InetSocketAddress upstreamAddress;
    private boolean enabled;
    private volatile List<Toxic> toxics = List.of();
    private Channel listener;
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final AtomicLong connectionCount = new AtomicLong();

    Proxy(String name, String listen, String upstream, EventLoopGroup loop, InetAddress source, SeededRandom random) {
        if (name == null || name.isEmpty() || !name.matches("[A-Za-z0-9_.:-]+")) {
            throw new ApiException(400, "a proxy needs a name of letters, digits and _ . : -, got '" + name + "'");
        }
        this.name = name;
        this.loop = loop;
        this.source = source;
        this.random = random;
        this.listen = listen;
        this.upstream = requireHostPort(upstream, "upstream");
        this.upstreamAddress = parse(upstream, "upstream");
        requireHostPort(listen, "listen");
    }

    String name() {
        return name;
    }

    List<Toxic> toxics() {
        return toxics;
    }

    void counted(String what) {
        counters.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    synchronized void setEnabled(boolean on) {
        if (on == enabled) {
            return;
        }
        if (on) {
            InetSocketAddress address = parse(listen, "listen");
            ChannelFuture bound = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel client) {
                            accept(client);
                        }
                    }).bind(address).awaitUninterruptibly();
            if (!bound.isSuccess()) {
                throw new ApiException(500, "proxy " + name + " cannot listen on " + listen + ": " + bound.cause().getMessage());
            }
            listener = bound.channel();
            InetSocketAddress actual = (InetSocketAddress) listener.localAddress();
            listen = actual.getAddress().getHostAddress() + ":" + actual.getPort();
        } else {
            listener.close().awaitUninterruptibly();
            listener = null;
            new ArrayList<>(connections).forEach(c -> c.close().awaitUninterruptibly());
        }
        enabled = on;
    }

    /** Applies an update's body: listen, upstream and enabled (each optional). */
    synchronized void update(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "a proxy update is a JSON object such as {\"enabled\": false}");
        }
        boolean wasEnabled = enabled;
        String newListen = body.hasNonNull("listen") ? requireHostPort(body.get("listen").asText(), "listen") : listen;
        String newUpstream = body.hasNonNull("upstream") ? requireHostPort(body.get("upstream").asText(), "upstream") : upstream;
        boolean newEnabled = body.hasNonNull("enabled") ? requireBoolean(body.get("enabled")) : wasEnabled;
        if (!newListen.equals(listen) && enabled) {
            setEnabled(false);
        }
        listen = newListen;
        upstream = newUpstream;
        upstreamAddress = parse(newUpstream, "upstream");
        setEnabled(newEnabled);
    }

    synchronized Toxic addToxic(JsonNode body) {
        Toxic toxic = Toxic.fromJson(body);
        if (find(toxic.name()) != null) {
            throw new ApiException(409, "toxic " + toxic.name() + " already exists on proxy " + name);
        }
        List<Toxic> next = new ArrayList<>(toxics);
        next.add(toxic);
        replaceToxics(next);
        return toxic;
    }

    synchronized Toxic updateToxic(String toxicName, JsonNode body) {
        Toxic old = toxic(toxicName);
        Toxic updated = old.updatedBy(body, false);
        List<Toxic> next = new ArrayList<>(toxics);
        next.set(next.indexOf(old), updated);
        replaceToxics(next);
        return updated;
    }

    synchronized void removeToxic(String toxicName) {
        List<Toxic> next = new ArrayList<>(toxics);
        next.remove(toxic(toxicName));
        replaceToxics(next);
    }

    /** Toxiproxy's reset for this proxy: enabled again, every toxic removed. */
    synchronized void reset() {
        replaceToxics(List.of());
        setEnabled(true);
    }

    Toxic toxic(String toxicName) {
        Toxic t = find(toxicName);
        if (t == null) {
            throw new ApiException(404, "toxic not found: " + toxicName + " on proxy " + name);
        }
        return t;
    }

    private Toxic find(String toxicName) {
        for (Toxic t : toxics) {
            if (t.name().equals(toxicName)) {
                return t;
            }
        }
        return null;
    }

    private void replaceToxics(List<Toxic> next) {
        toxics = List.copyOf(next);
        for (Channel c : connections) {
            Pipe pipe = c.pipeline().get(Pipe.class);
            if (pipe != null) {   // null for a connection closing now
                c.eventLoop().execute(pipe::toxicsChanged);
            }
        }
    }

    synchronized void close() {
        setEnabled(false);
    }

    synchronized ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("name", name);
        out.put("listen", listen);
        out.put("upstream", upstream);
        out.put("enabled", enabled);
        ArrayNode list = out.putArray("toxics");
        toxics.forEach(t -> list.add(t.toJson()));
        ObjectNode counts = out.putObject("mycel_counters");
        new TreeMap<>(counters).forEach((k, v) -> counts.put(k, v.get()));
        return out;
    }

    ArrayNode toxicsJson() {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        toxics.forEach(t -> list.add(t.toJson()));
        return list;
    }

    /** A client connected: hold its bytes until the upstream connection is up, then pipe both ways. */
    private void accept(SocketChannel client) {
        long id = connectionCount.incrementAndGet();
        counted("connections");
        SeededRandom connectionRandom = random.fork("connection-" + id);
        Pipe up = new Pipe(this, Toxic.Stream.UPSTREAM, connectionRandom.fork("upstream"));
        Pipe down = new Pipe(this, Toxic.Stream.DOWNSTREAM, connectionRandom.fork("downstream"));
        client.pipeline().addLast(up);
        connections.add(client);
        client.closeFuture().addListener(f -> connections.remove(client));
        Bootstrap connect = new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(down);
        InetSocketAddress target = upstreamAddress;
        ChannelFuture connecting = source == null ? connect.connect(target)
                : connect.connect(target, new InetSocketAddress(source, 0));
        connecting.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                counted("upstream-refused");
                client.close();
                return;
            }
            Channel server = f.channel();
            if (!client.isActive()) {
                server.close();
                return;
            }
            connections.add(server);
            server.closeFuture().addListener(x -> connections.remove(server));
            up.connect(client, server);
            down.connect(server, client);
            client.config().setAutoRead(true);
        });
    }

    static boolean requireBoolean(JsonNode value) {
        if (!value.isBoolean()) {
            throw new ApiException(400, "enabled must be true or false, got " + value);
        }
        return value.asBoolean();
    }

    private static String requireHostPort(String text, String what) {
        parse(text, what);
        return text;
    }

    static InetSocketAddress parse(String text, String what) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new ApiException(400, what + " must be HOST:PORT, got '" + text + "'");
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            String host = text.substring(0, colon).replace("[", "").replace("]", "");
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new ApiException(400, what + " must be HOST:PORT with a port from 0 to 65535, got '" + text + "'");
        }
    }
}
