package io.mycel.hil;

import io.mycel.node.api.NodeId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Partitions and cuts made with nftables, between nodes told apart by their addresses (each node
 * listens on, and connects from, an address of its own). The whole rule set is replaced in one
 * transaction on every change, so the network is never seen half-partitioned. Where it is installed
 * is the {@link Installer}'s business: in this machine's own network (local processes), or the same
 * rules in every container's network namespace (where a rule naming another node's source address
 * simply never matches).
 *
 * <p>A partition drops every packet between two nodes. A one-way cut from A to B must not stop B's
 * messages to A, and each direction between two nodes travels on its own TCP connection, opened by
 * the sender to the receiver's port: so the cut drops only the packets of connections to B's port
 * coming from A, both ways (A's segments and B's acknowledgements), leaving B's connection to A alone.
 */
public final class NftNetwork implements NetworkFaults {

    /** Puts an nft script into effect wherever the nodes' traffic passes. */
    public interface Installer {
        void install(String script) throws IOException;
    }

    private final String table;
    private final Installer installer;
    private final Map<NodeId, InetSocketAddress> addresses;
    private final List<String> partitionRules = new ArrayList<>();
    private final Set<String> cutRules = new LinkedHashSet<>();

    private NftNetwork(String table, Map<NodeId, InetSocketAddress> addresses, Installer installer) {
        this.table = table;
        this.addresses = Map.copyOf(addresses);
        this.installer = installer;
    }

    /**
     * Partitions for nodes at these addresses made in this machine's network, or null when nftables
     * cannot be used here (not root, or no {@code nft}); {@code why} then receives the reason.
     */
    public static NftNetwork tryCreate(String tag, Map<NodeId, InetSocketAddress> addresses, StringBuilder why) {
        return tryCreate(tag, addresses, NftNetwork::nft, why);
    }

    /** As {@link #tryCreate(String, Map, StringBuilder)}, installing the rules with {@code installer}. */
    public static NftNetwork tryCreate(String tag, Map<NodeId, InetSocketAddress> addresses, Installer installer,
                                       StringBuilder why) {
        NftNetwork network = new NftNetwork("mycel_" + tag.replaceAll("[^A-Za-z0-9_]", "_"), addresses, installer);
        try {
            network.apply();
            return network;
        } catch (IOException e) {
            why.append("nftables unavailable (").append(e.getMessage()).append("); partitions and cuts need root and nftables");
            return null;
        }
    }

    @Override
    public synchronized void partition(List<List<NodeId>> groups) {
        partitionRules.clear();
        Map<NodeId, Integer> groupOf = new java.util.TreeMap<>();
        addresses.keySet().forEach(node -> groupOf.put(node, 0));
        for (int g = 0; g < groups.size(); g++) {
            for (NodeId node : groups.get(g)) {
                groupOf.put(node, g + 1);
            }
        }
        for (NodeId a : groupOf.keySet()) {
            for (NodeId b : groupOf.keySet()) {
                if (!groupOf.get(a).equals(groupOf.get(b))) {
                    partitionRules.add("ip saddr " + ip(a) + " ip daddr " + ip(b) + " drop");
                }
            }
        }
        applyOrFail();
    }

    @Override
    public synchronized void cut(List<NodeId> from, List<NodeId> to) {
        for (NodeId a : from) {
            for (NodeId b : to) {
                if (!a.equals(b)) {
                    int port = addresses.get(b).getPort();
                    cutRules.add("ip saddr " + ip(a) + " ip daddr " + ip(b) + " tcp dport " + port + " drop");
                    cutRules.add("ip saddr " + ip(b) + " ip daddr " + ip(a) + " tcp sport " + port + " drop");
                }
            }
        }
        applyOrFail();
    }

    @Override
    public synchronized void heal() {
        partitionRules.clear();
        cutRules.clear();
        applyOrFail();
    }

    /**
     * Removes the tables of harnesses on this machine that died without cleaning up (killed mid-run,
     * say): a table left holding a partition would cut the next run's nodes, which reuse the same
     * addresses. Tables are named {@code mycel_<backend>_<pid>}; only those whose process is gone go.
     */
    public static void removeOrphans(String backendPrefix) {
        try {
            java.lang.Process list = new ProcessBuilder("nft", "list", "tables").redirectErrorStream(true).start();
            String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            list.waitFor(10, TimeUnit.SECONDS);
            java.util.regex.Matcher tables = java.util.regex.Pattern.compile("table ip (mycel_" + backendPrefix + "_(\\d+))")
                    .matcher(out);
            while (tables.find()) {
                long pid = Long.parseLong(tables.group(2));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                nft("delete table ip " + tables.group(1) + "\n");
            }
        } catch (IOException | RuntimeException e) {
            // without nft there is nothing to clean; with it, a failure here must not stop the run
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The whole rule set as it stands, for a node whose network came back empty (a restarted container). */
    public synchronized String script() {
        return render();
    }

    @Override
    public synchronized void close() {
        try {
            installer.install("table ip " + table + "\ndelete table ip " + table + "\n");
        } catch (IOException e) {
            System.err.println("mycel hil: could not remove nftables table " + table + ": " + e.getMessage());
        }
    }

    private String ip(NodeId node) {
        return addresses.get(node).getAddress().getHostAddress();
    }

    private void applyOrFail() {
        try {
            apply();
        } catch (IOException e) {
            throw new IllegalStateException("nftables refused the rules: " + e, e);
        }
    }

    private void apply() throws IOException {
        installer.install(render());
    }

    private String render() {
        StringBuilder script = new StringBuilder();
        // Declaring the table first makes the delete safe when it does not exist yet.
        script.append("table ip ").append(table).append('\n');
        script.append("delete table ip ").append(table).append('\n');
        script.append("table ip ").append(table).append(" {\n");
        script.append("  chain out {\n    type filter hook output priority 0; policy accept;\n");
        for (String rule : partitionRules) {
            script.append("    ").append(rule).append('\n');
        }
        for (String rule : cutRules) {
            script.append("    ").append(rule).append('\n');
        }
        script.append("  }\n}\n");
        return script.toString();
    }

    /** Runs {@code nft -f -} on this machine with {@code script}. */
    static void nft(String script) throws IOException {
        java.lang.Process nft;
        try {
            nft = new ProcessBuilder("nft", "-f", "-").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run nft: " + e.getMessage(), e);
        }
        try (OutputStream in = nft.getOutputStream()) {
            in.write(script.getBytes(StandardCharsets.UTF_8));
        }
        try {
            if (!nft.waitFor(10, TimeUnit.SECONDS)) {
                nft.destroyForcibly();
                throw new IOException("nft did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running nft", e);
        }
        String output = new String(nft.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (nft.exitValue() != 0) {
            throw new IOException("nft exited with " + nft.exitValue() + (output.isEmpty() ? "" : ": " + output));
        }
    }
}
