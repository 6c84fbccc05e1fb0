package io.mycel.hil;

import io.mycel.faults.proxy.FaultProxyMain;
import io.mycel.node.api.NodeId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fault proxies started from this machine inside other network namespaces (a container's), with
 * {@code nsenter -n}: the proxy is this machine's Java and the lab's classes, but its sockets are the
 * node's, so its upstream connections come from the node's address and the node reaches it on its
 * own loopback. A proxy lives as long as the namespace it was started in: stop it when the node's
 * container stops, start another in the new namespace when it starts again.
 */
final class NamespaceProxies implements AutoCloseable {

    private final Map<NodeId, java.lang.Process> running = new LinkedHashMap<>();
    private final Map<NodeId, InetSocketAddress> apis = new LinkedHashMap<>();

    /** Starts the node's proxy in the namespace of process {@code pid}, with {@code address} its node's, and waits for its API. */
    void start(NodeId node, ClusterPlan plan, Long pid, InetAddress address) throws IOException {
        stop(node);
        if (pid == null || pid == 0) {
            throw new IOException("the container of " + node + " has no process to take the network of");
        }
        String ip = address.getHostAddress();
        List<String> command = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-n",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), FaultProxyMain.class.getName(),
                "--api", ip + ":" + BackendBase.PROXY_API_PORT, "--source", ip, "--seed", Long.toString(plan.proxySeed(node)),
                // Its standard input is a pipe from this process: if the harness dies, the proxy follows.
                "--exit-with-stdin"));
        Path log = plan.nodeDir(node).resolve("fault-proxy.log");
        java.lang.Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        running.put(node, process);
        InetSocketAddress api = new InetSocketAddress(address, BackendBase.PROXY_API_PORT);
        apis.put(node, api);
        BackendBase.awaitListening(api, java.time.Duration.ofSeconds(30), "the fault proxy of " + node,
                () -> process.isAlive() ? null : "it exited with " + process.exitValue() + "; see " + log);
    }

    InetSocketAddress api(NodeId node) {
        return apis.get(node);
    }

    void stop(NodeId node) {
        java.lang.Process process = running.remove(node);
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        new ArrayList<>(running.keySet()).forEach(this::stop);
    }
}
