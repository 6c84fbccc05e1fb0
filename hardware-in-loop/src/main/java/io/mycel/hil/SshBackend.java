package io.mycel.hil;

import io.mycel.node.api.NodeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.xfer.FileSystemFile;

/**
 * Nodes on real machines (Raspberry Pis, or any Linux host with Java 17) reached over SSH, as Jepsen
 * reaches its nodes: the harness uploads the node jar and each node's config, starts the node in
 * the background and keeps its pid, and makes faults with the host's own tools (SIGKILL, SIGSTOP,
 * nftables, which need root there). Logs are fetched back when the run ends. With shaped links, the
 * fault proxy's daemon goes to each host too, and runs there beside the node for the whole run.
 */
public final class SshBackend extends BackendBase {

    private final SshHosts hosts;
    private final Path nodeJar;
    private final Map<NodeId, SSHClient> sessions = new LinkedHashMap<>();
    private final Map<NodeId, RemoteShell> shells = new LinkedHashMap<>();
    private final Map<NodeId, Long> pids = new LinkedHashMap<>();
    /** With shaped links: the fault proxy's daemon, and its process on each host. */
    private final Path proxyJar;
    private final Map<NodeId, Long> proxyPids = new LinkedHashMap<>();

    public SshBackend(Path hostsFile, Path nodeJar, Path proxyJar) throws IOException {
        this.hosts = SshHosts.read(hostsFile);
        this.nodeJar = nodeJar;
        this.proxyJar = proxyJar;
    }

    /** The backend on the hosts of {@code hostsFile}, shipping the checkout's node jar and fault proxy. */
    public static SshBackend fromCheckout(Path hostsFile) throws IOException {
        LabHome home = LabHome.find();
        return new SshBackend(hostsFile, home.nodeJar(), home.faultProxyJar());
    }

    /** Each host runs a fault proxy beside its node, shipped with it. */
    @Override
    public String linkShapingUnavailableReason() {
        return proxyJar != null && Files.exists(proxyJar) ? null
                : "links are bare: the fault proxy's daemon " + proxyJar + " is missing (mvn -q install -DskipTests builds it)";
    }

    @Override
    public String name() {
        return "ssh";
    }

    @Override
    public Map<NodeId, InetSocketAddress> prepare(ClusterPlan plan) throws IOException {
        this.plan = plan;
        for (NodeId node : plan.nodes()) {
            SshHosts.Host host = hosts.hosts().get(node);
            if (host == null) {
                throw new IllegalArgumentException(hosts.source() + ": no host for node " + node + "; the scenario has "
                        + plan.nodes());
            }
            addresses.put(node, host.listen());
        }
        for (NodeId node : plan.nodes()) {
            SSHClient ssh = new SSHClient();
            SshHosts.Host host = hosts.hosts().get(node);
            ssh.addHostKeyVerifier(host.fingerprint());
            ssh.connect(host.host(), host.port());
            ssh.authPublickey(hosts.user(), ssh.loadKeys(hosts.key().toString()));
            sessions.put(node, ssh);
            shells.put(node, new RemoteShell(ssh, host.host()));
            String remote = remoteDir(node);
            // A node left running by an earlier run that was cut short would hold the port.
            exec(node, "pkill -9 -f '" + remote + "/node.yaml' || true; pkill -9 -f '" + remote + "/mycel-fault-proxy.jar' || true; rm -rf "
                    + remote + " && mkdir -p " + remote + "/data");
            Map<NodeId, InetSocketAddress> members = new LinkedHashMap<>(addresses);
            if (plan.links() != null) {
                members.putAll(loopbackLinks(node, plan.nodes()));   // each peer through the host's fault proxy
            }
            metricsAddresses.put(node, new InetSocketAddress(host.listen().getAddress(), METRICS_PORT));
            String yaml = NodeYaml.render(node, host.listen(), plan, members, Path.of(remote, "data"), Path.of(remote, "clock"),
                    metricsAddresses.get(node));
            Files.createDirectories(plan.nodeDir(node));
            Files.writeString(plan.nodeDir(node).resolve("node.yaml"), yaml, StandardCharsets.UTF_8);
            ssh.newSFTPClient().put(new FileSystemFile(nodeJar.toFile()), remote + "/mycel-node.jar");
            ssh.newSFTPClient().put(new FileSystemFile(plan.nodeDir(node).resolve("node.yaml").toFile()), remote + "/node.yaml");
            if (plan.links() != null) {
                ssh.newSFTPClient().put(new FileSystemFile(proxyJar.toFile()), remote + "/mycel-fault-proxy.jar");
            }
        }
        partitions = NftNetwork.tryCreate("ssh", addresses, this::installEverywhere, networkWhy);
        if (plan.links() != null) {
            for (NodeId node : plan.nodes()) {
                startProxy(node);
            }
        }
        return Map.copyOf(addresses);
    }

    /** Starts the host's fault proxy (it outlives the node's crashes, as a host's daemon would) and attaches it. */
    private void startProxy(NodeId node) throws IOException {
        String remote = remoteDir(node);
        String ip = addresses.get(node).getAddress().getHostAddress();
        String out = exec(node, "cd " + remote + " && (setsid nohup " + hosts.java()
                + " -Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar " + remote + "/mycel-fault-proxy.jar --api " + ip + ":"
                + PROXY_API_PORT + " --source " + ip + " --seed " + plan.proxySeed(node)
                + " >> fault-proxy.log 2>&1 < /dev/null & echo $!)");
        proxyPids.put(node, Long.parseLong(out.trim()));
        InetSocketAddress api = new InetSocketAddress(addresses.get(node).getAddress(), PROXY_API_PORT);
        try {
            awaitListening(api, Duration.ofSeconds(60), "the fault proxy on " + node + "'s host", () -> null);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + ": " + exec(node, "tail -5 " + remote + "/fault-proxy.log"), e);
        }
        plan.links().attach(node, api, hostPorts(loopbackLinks(node, plan.nodes())), addresses);
    }

    @Override
    public void start(NodeId node) throws IOException {
        if (isRunning(node)) {
            return;
        }
        String remote = remoteDir(node);
        String flags = String.join(" ", LocalBackend.NODE_JVM_FLAGS);
        String out = exec(node, "cd " + remote + " && (setsid nohup " + hosts.java() + " " + flags
                + " -jar mycel-node.jar --config " + remote + "/node.yaml >> node.log 2>> node.err < /dev/null & echo $!)");
        pids.put(node, Long.parseLong(out.trim()));
    }

    @Override
    public void kill(NodeId node) {
        signal(node, "KILL");
        pids.remove(node);
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
        Long pid = pids.get(node);
        if (pid == null) {
            return false;
        }
        try {
            return exec(node, "kill -0 " + pid + " 2>/dev/null && echo yes || echo no").trim().equals("yes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String setClock(NodeId node, long offsetMicros, long driftPpm) {
        if (!plan.clockFaults()) {
            return "the run was planned without clock faults";
        }
        try {
            String dir = remoteDir(node);
            exec(node, "cat > " + dir + "/clock.tmp && mv " + dir + "/clock.tmp " + dir + "/clock",
                    ClockFile.render(offsetMicros, driftPpm));
            return null;
        } catch (IOException e) {
            return "cannot write the clock file on " + node + "'s host: " + e.getMessage();
        }
    }

    @Override
    protected String whyStopped(NodeId node) throws IOException {
        return exec(node, "tail -5 " + remoteDir(node) + "/node.err");
    }

    @Override
    public void close() {
        closeNetwork();
        for (NodeId node : sessions.keySet()) {
            try {
                signal(node, "CONT");
                signal(node, "TERM");
                exec(node, "sleep 1; kill -9 " + pids.getOrDefault(node, 0L) + " 2>/dev/null; true");
                sessions.get(node).newSFTPClient().get(remoteDir(node) + "/node.log", new FileSystemFile(logFile(node).toFile()));
                sessions.get(node).newSFTPClient().get(remoteDir(node) + "/node.err",
                        new FileSystemFile(plan.nodeDir(node).resolve("node.err").toFile()));
                if (proxyPids.containsKey(node)) {
                    exec(node, "kill -9 " + proxyPids.get(node) + " 2>/dev/null; true");
                    sessions.get(node).newSFTPClient().get(remoteDir(node) + "/fault-proxy.log",
                            new FileSystemFile(plan.nodeDir(node).resolve("fault-proxy.log").toFile()));
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("mycel hil: could not stop " + node + " or fetch its log: " + e.getMessage());
            }
        }
        for (RemoteShell shell : shells.values()) {
            try {
                shell.close();
            } catch (IOException e) {
                // closing at the end of the run: nothing more to do with it
            }
        }
        for (SSHClient ssh : sessions.values()) {
            try {
                ssh.disconnect();
            } catch (IOException e) {
                // the run is over; a connection that does not close cleanly changes nothing
            }
        }
    }

    private String remoteDir(NodeId node) {
        return hosts.dir() + "/" + node.name();
    }

    private void signal(NodeId node, String signal) {
        Long pid = pids.get(node);
        if (pid == null) {
            return;
        }
        try {
            exec(node, "kill -" + signal + " " + pid + " 2>/dev/null; true");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send SIG" + signal + " to " + node, e);
        }
    }

    /** The same rules on every host, all at once; a rule for another host's source address never matches there. */
    private void installEverywhere(String script) throws IOException {
        List<java.util.concurrent.CompletableFuture<String>> installs = new java.util.ArrayList<>();
        for (NodeId node : shells.keySet()) {
            installs.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return shells.get(node).run("nft -f -", script);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        try {
            for (java.util.concurrent.CompletableFuture<String> install : installs) {
                install.join();
            }
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        }
    }

    /** Runs a command in the node's host's shell; its output, or an exception with it when it fails. */
    private String exec(NodeId node, String command) throws IOException {
        return shells.get(node).run(command);
    }

    private String exec(NodeId node, String command, String input) throws IOException {
        return shells.get(node).run(command, input);
    }

}
