package io.mycel.hil;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.mycel.node.api.NodeId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * One container per node through Testcontainers, on a private Docker network of the run's own
 * with a fixed address per node, from an image built here without any registry
 * ({@link NodeImage}). A crash is {@code docker kill} (SIGKILL) and a restart {@code docker start}
 * on the same container, so the node finds its data; a pause is {@code docker pause} (the cgroup
 * freezer); partitions are nftables rules inside each container's own network namespace, and come
 * back with a restarted container, whose namespace is new. With shaped links, each node's fault proxy
 * runs on this machine inside its container's network namespace (see {@link NamespaceProxies}).
 *
 * <p>The harness reaches the nodes at their addresses on the network's bridge, from this machine.
 */
public final class DockerBackend extends BackendBase {

    static final int PORT = 7400;

    private final String image;
    private final Map<NodeId, GenericContainer<?>> containers = new LinkedHashMap<>();
    private final Map<NodeId, String> clocks = new LinkedHashMap<>();
    /** With shaped links: where each node's proxy listens for its link to each peer. */
    private final Map<NodeId, Map<NodeId, String>> linkListen = new LinkedHashMap<>();
    private final NamespaceProxies proxies = new NamespaceProxies();
    private Network network;

    /** @param image the node image's tag (see {@link NodeImage#ensure}) */
    public DockerBackend(String image) {
        if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            // Testcontainers would start its reaper from an image it must pull: no registry is reachable.
            throw new IllegalStateException("the docker backend needs TESTCONTAINERS_RYUK_DISABLED=true in the environment"
                    + " (./mycel sets it)");
        }
        this.image = image;
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public Map<NodeId, InetSocketAddress> prepare(ClusterPlan plan) throws IOException {
        this.plan = plan;
        String prefix = freeSubnetPrefix();
        network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withIpam(new com.github.dockerjava.api.model.Network.Ipam()
                .withConfig(new com.github.dockerjava.api.model.Network.Ipam.Config().withSubnet(prefix + ".0/24")))).build();
        int i = 0;
        for (NodeId node : plan.nodes()) {
            addresses.put(node, new InetSocketAddress(InetAddress.getByName(prefix + "." + (10 + ++i)), PORT));
        }
        for (NodeId node : plan.nodes()) {
            Path dir = plan.nodeDir(node);
            Files.createDirectories(dir);
            Map<NodeId, InetSocketAddress> members = new LinkedHashMap<>(addresses);
            if (plan.links() != null) {
                // Each peer through this node's fault proxy, on the loopback of the container's network.
                Map<NodeId, InetSocketAddress> links = loopbackLinks(node, plan.nodes());
                members.putAll(links);
                linkListen.put(node, hostPorts(links));
            }
            metricsAddresses.put(node, new InetSocketAddress(addresses.get(node).getAddress(), METRICS_PORT));
            String yaml = NodeYaml.render(node, new InetSocketAddress(addresses.get(node).getAddress(), PORT), plan, members,
                    Path.of("/data"), Path.of("/app/clock"), metricsAddresses.get(node));
            Files.writeString(dir.resolve("node.yaml"), yaml, StandardCharsets.UTF_8);
            String ip = addresses.get(node).getAddress().getHostAddress();
            List<String> command = new ArrayList<>(List.of("java"));
            command.addAll(LocalBackend.NODE_JVM_FLAGS);
            command.addAll(List.of("-jar", "/app/mycel-node.jar", "--config", "/app/node.yaml"));
            GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                    .withImagePullPolicy(name -> false)
                    .withNetwork(network)
                    .withNetworkAliases(node.name())
                    .withCreateContainerCmdModifier(cmd -> {
                        cmd.withHostName(node.name()).withIpv4Address(ip);
                        cmd.getHostConfig().withCapAdd(Capability.NET_ADMIN);
                    })
                    .withCopyToContainer(Transferable.of(yaml), "/app/node.yaml")
                    .withCommand(command.toArray(String[]::new));
            containers.put(node, container);
        }
        partitions = NftNetwork.tryCreate("docker", addresses, this::installEverywhere, networkWhy);
        return Map.copyOf(addresses);
    }

    @Override
    public void start(NodeId node) throws IOException {
        GenericContainer<?> container = containers.get(node);
        if (container.getContainerId() == null) {
            container.start();
        } else if (!isRunning(node)) {
            docker().startContainerCmd(container.getContainerId()).exec();
        } else {
            return;
        }
        if (partitions != null) {
            // A started container has a fresh network namespace: give it the rules in force.
            install(node, partitions.script());
        }
        if (plan.links() != null) {
            proxies.start(node, plan, containerPid(node), addresses.get(node).getAddress());
            plan.links().attach(node, proxies.api(node), linkListen.get(node), addresses);
        }
    }

    /** Each node's fault proxy runs from this machine inside the container's network namespace. */
    @Override
    public String linkShapingUnavailableReason() {
        return null;
    }

    @Override
    public boolean sharesMonotonicClock() {
        return true;
    }

    @Override
    public void kill(NodeId node) {
        if (!isRunning(node)) {
            return;
        }
        docker().killContainerCmd(containers.get(node).getContainerId()).withSignal("SIGKILL").exec();
        // The engine reports the container running for a moment after the signal; a restart asked
        // for in that moment would be taken for a no-op and leave the node down.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (isRunning(node) && System.nanoTime() < deadline) {
            sleep(10);
        }
        // Its proxy would hold the dead namespace; the restarted container gets a new one, and a new proxy.
        proxies.stop(node);
    }

    @Override
    public void pause(NodeId node) {
        docker().pauseContainerCmd(containers.get(node).getContainerId()).exec();
    }

    @Override
    public void resume(NodeId node) {
        docker().unpauseContainerCmd(containers.get(node).getContainerId()).exec();
    }

    @Override
    public boolean isRunning(NodeId node) {
        String id = containers.get(node).getContainerId();
        if (id == null) {
            return false;
        }
        InspectContainerResponse.ContainerState state = docker().inspectContainerCmd(id).exec().getState();
        return Boolean.TRUE.equals(state.getRunning());
    }

    /** Saves each node's log (every incarnation: Docker keeps a container's output across restarts), then removes everything. */
    /** Copies the node's clock file into its container (a stopped one gets it when copied again at its next start). */
    @Override
    public String setClock(NodeId node, long offsetMicros, long driftPpm) {
        if (!plan.clockFaults()) {
            return "the run was planned without clock faults";
        }
        clocks.put(node, ClockFile.render(offsetMicros, driftPpm));
        GenericContainer<?> container = containers.get(node);
        if (container.getContainerId() != null && isRunning(node)) {
            container.copyFileToContainer(Transferable.of(clocks.get(node)), "/app/clock");
        } else {
            container.withCopyToContainer(Transferable.of(clocks.get(node)), "/app/clock");
        }
        return null;
    }

    @Override
    protected String whyStopped(NodeId node) {
        String logs = containers.get(node).getLogs();
        return logs.substring(Math.max(0, logs.length() - 2000));
    }

    @Override
    public void close() {
        proxies.close();
        for (Map.Entry<NodeId, GenericContainer<?>> entry : containers.entrySet()) {
            String id = entry.getValue().getContainerId();
            if (id == null) {
                continue;
            }
            try {
                if (isPaused(id)) {
                    docker().unpauseContainerCmd(id).exec();
                }
                saveLogs(id, logFile(entry.getKey()), plan.nodeDir(entry.getKey()).resolve("node.err"));
            } catch (RuntimeException | IOException e) {
                System.err.println("mycel hil: could not save the log of " + entry.getKey() + ": " + e.getMessage());
            }
            entry.getValue().stop();
        }
        if (network != null) {
            network.close();
        }
    }

    private boolean isPaused(String id) {
        return Boolean.TRUE.equals(docker().inspectContainerCmd(id).exec().getState().getPaused());
    }

    private void saveLogs(String id, Path out, Path err) throws IOException {
        try (OutputStream stdout = Files.newOutputStream(out); OutputStream stderr = Files.newOutputStream(err)) {
            ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    try {
                        (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).write(frame.getPayload());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
            docker().logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(false).exec(callback).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The same rules in every running container's namespace, all at once (one after another, five
     * containers took over a second, and faults fell behind their schedule); a rule for another
     * node's source address never matches there.
     */
    private void installEverywhere(String script) throws IOException {
        List<java.util.concurrent.CompletableFuture<Void>> installs = new ArrayList<>();
        for (NodeId node : containers.keySet()) {
            installs.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    install(node, script);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        try {
            installs.forEach(java.util.concurrent.CompletableFuture::join);
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        }
    }

    /**
     * Installs rules in the container's network namespace from this machine with {@code nsenter}
     * (tens of milliseconds; {@code docker exec} took most of a second under load, and faults fell
     * behind their schedule).
     */
    private void install(NodeId node, String script) throws IOException {
        GenericContainer<?> container = containers.get(node);
        if (container.getContainerId() == null) {
            return;   // not created yet: start installs the rules
        }
        Long pid = containerPid(node);
        if (pid == null || pid == 0) {
            return;   // stopped: its next start installs the rules in force
        }
        java.lang.Process nsenter = new ProcessBuilder("nsenter", "-t", Long.toString(pid), "-n", "nft", "-f", "-")
                .redirectErrorStream(true).start();
        try (java.io.OutputStream in = nsenter.getOutputStream()) {
            in.write(script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try {
            if (!nsenter.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                nsenter.destroyForcibly();
                throw new IOException("nft in " + node + "'s namespace did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (nsenter.exitValue() != 0) {
            throw new IOException("nft in " + node + "'s namespace exited with " + nsenter.exitValue() + ": "
                    + new String(nsenter.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim());
        }
    }

    private Long containerPid(NodeId node) {
        return docker().inspectContainerCmd(containers.get(node).getContainerId()).exec().getState().getPidLong();
    }

    /** A /24 of the engine's pool that no network uses yet. */
    private static String freeSubnetPrefix() {
        List<String> used = new ArrayList<>();
        for (com.github.dockerjava.api.model.Network existing : docker().listNetworksCmd().exec()) {
            for (com.github.dockerjava.api.model.Network.Ipam.Config config : existing.getIpam().getConfig()) {
                used.add(config.getSubnet());
            }
        }
        for (int third = 200; third < 255; third++) {
            String prefix = "172.30." + third;
            if (!used.contains(prefix + ".0/24")) {
                return prefix;
            }
        }
        throw new IllegalStateException("no free /24 left in 172.30.200.0-172.30.254.0 for a run's network");
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

}
