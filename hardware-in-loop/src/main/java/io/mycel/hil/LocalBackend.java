package io.mycel.hil;

import io.mycel.faults.proxy.FaultProxy;
import io.mycel.node.api.NodeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real node processes on this machine, node {@code i} on its own loopback address 127.0.0.(10+i),
 * so a firewall rule can tell nodes apart. Each runs {@code mycel node --config} in a JVM of its
 * own, from the class path of this one (the lab's jar, or a test's class path), with its log and
 * data under the run's folder. With shaped links, each node's fault proxy runs in this process, on
 * the node's address, and lives through the node's crashes as a host's proxy would.
 */
public final class LocalBackend extends BackendBase {

    /** JVM flags of a node: a small heap, as on a Pi Zero 2 W with 512 MB. */
    /** What every local node's JVM gets: a Pi Zero 2 W's budget. */
    public static final List<String> NODE_JVM_FLAGS = List.of("-Xmx128m", "-XX:+UseSerialGC", "-Xss512k");

    private final Map<NodeId, java.lang.Process> processes = new LinkedHashMap<>();
    /** With shaped links: the fault proxy beside each node (in this process, on the node's address). */
    private final Map<NodeId, FaultProxy> proxies = new LinkedHashMap<>();

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Map<NodeId, InetSocketAddress> prepare(ClusterPlan plan) throws IOException {
        this.plan = plan;
        int i = 0;
        for (NodeId node : plan.nodes()) {
            InetAddress host = InetAddress.getByName("127.0.0." + (10 + ++i));
            addresses.put(node, new InetSocketAddress(host, freePort(host)));
        }
        Map<NodeId, Map<NodeId, String>> linkListen = new LinkedHashMap<>();
        for (NodeId node : plan.nodes()) {
            Map<NodeId, InetSocketAddress> members = new LinkedHashMap<>(addresses);
            if (plan.links() != null) {
                InetAddress host = addresses.get(node).getAddress();
                proxies.put(node, FaultProxy.start(new InetSocketAddress(host, 0), host, plan.proxySeed(node)));
                Map<NodeId, String> listen = new LinkedHashMap<>();
                for (NodeId peer : plan.nodes()) {
                    if (!peer.equals(node)) {
                        InetSocketAddress link = new InetSocketAddress(host, freePort(host));
                        listen.put(peer, NodeYaml.hostPort(link));
                        members.put(peer, link);
                    }
                }
                linkListen.put(node, listen);
            }
            Path dir = plan.nodeDir(node);
            Files.createDirectories(dir.resolve("data"));
            InetAddress host = addresses.get(node).getAddress();
            metricsAddresses.put(node, new InetSocketAddress(host, freePort(host)));
            Files.writeString(dir.resolve("node.yaml"), NodeYaml.render(node, addresses.get(node), plan, members,
                    dir.resolve("data"), dir.resolve("clock"), metricsAddresses.get(node)), StandardCharsets.UTF_8);
        }
        for (Map.Entry<NodeId, Map<NodeId, String>> links : linkListen.entrySet()) {
            plan.links().attach(links.getKey(), proxies.get(links.getKey()).apiAddress(), links.getValue(), addresses);
        }
        NftNetwork.removeOrphans("local");
        partitions = NftNetwork.tryCreate("local_" + ProcessHandle.current().pid(), addresses, networkWhy);
        return Map.copyOf(addresses);
    }

    /** Shaped links are made by a fault proxy in this process per node, bound to the node's address. */
    @Override
    public String linkShapingUnavailableReason() {
        return null;
    }

    @Override
    public void start(NodeId node) throws IOException {
        java.lang.Process old = processes.get(node);
        if (old != null && old.isAlive()) {
            return;
        }
        Path dir = plan.nodeDir(node);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(NODE_JVM_FLAGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.mycel.node.runtime.NodeMain");
        command.add("--config");
        command.add(dir.resolve("node.yaml").toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        java.lang.Process process = builder
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(node).toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("node.err").toFile()))
                .start();
        processes.put(node, process);
    }

    @Override
    public boolean sharesMonotonicClock() {
        return true;
    }

    @Override
    public void kill(NodeId node) {
        java.lang.Process process = processes.get(node);
        if (process != null && process.isAlive()) {
            process.destroyForcibly();   // SIGKILL on Linux
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void pause(NodeId node) {
        signal(node, "STOP");
    }

    @Override
    public void resume(NodeId node) {
        signal(node, "CONT");
    }

    @Override
    public boolean isRunning(NodeId node) {
        java.lang.Process process = processes.get(node);
        return process != null && process.isAlive();
    }

    private final Map<NodeId, long[]> lastCpu = new java.util.concurrent.ConcurrentHashMap<>();

    /** From /proc/PID/stat: user and system clock ticks (100 per second on Linux) over the time between two calls. */
    @Override
    public double busyCores(NodeId node) {
        java.lang.Process process = processes.get(node);
        if (process == null || !process.isAlive()) {
            lastCpu.remove(node);
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // utime, stime (fields 14 and 15)
            long now = System.nanoTime();
            long[] last = lastCpu.put(node, new long[] {process.pid(), ticks, now});
            if (last == null || last[0] != process.pid() || now == last[2]) {
                return 0;
            }
            return (ticks - last[1]) / 100.0 / ((now - last[2]) / 1e9);
        } catch (IOException | RuntimeException e) {
            return 0;   // the process ended between the check and the read
        }
    }

    /** Rewrites the node's clock file, which the node reads again within 100 ms. */
    @Override
    public String setClock(NodeId node, long offsetMicros, long driftPpm) {
        if (!plan.clockFaults()) {
            return "the run was planned without clock faults";
        }
        try {
            Path tmp = plan.nodeDir(node).resolve("clock.tmp");
            Files.writeString(tmp, ClockFile.render(offsetMicros, driftPpm));
            Files.move(tmp, plan.nodeDir(node).resolve("clock"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return null;
        } catch (IOException e) {
            return "cannot write the clock file of " + node + ": " + e.getMessage();
        }
    }

    @Override
    protected String whyStopped(NodeId node) throws IOException {
        Path err = plan.nodeDir(node).resolve("node.err");
        List<String> lines = Files.exists(err) ? Files.readAllLines(err) : List.of();
        return "exit " + processes.get(node).exitValue() + "; "
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    @Override
    public void close() {
        closeNetwork();
        for (NodeId node : processes.keySet()) {
            signal(node, "CONT");   // a frozen process cannot handle its SIGTERM
            java.lang.Process process = processes.get(node);
            process.destroy();
        }
        for (java.lang.Process process : processes.values()) {
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        proxies.values().forEach(FaultProxy::close);
    }

    private void signal(NodeId node, String signal) {
        java.lang.Process process = processes.get(node);
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            java.lang.Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send SIG" + signal + " to " + node, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A port free on {@code host} now; each node keeps its port across restarts. */
    private static int freePort(InetAddress host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, host)) {
            return socket.getLocalPort();
        }
    }

}
