package io.mycel.hil;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.NodeId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Partitions and cuts made with nftables stop real TCP traffic between loopback addresses, one way
 * for a cut, and heal restores it. Needs root and nftables, which CI installs.
 */
class NftNetworkTest {

    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");
    private static final NodeId C = NodeId.of("c");

    @Test
    void partitionsCutAndHealRealConnections() throws IOException {
        Map<NodeId, ServerSocket> servers = new LinkedHashMap<>();
        Map<NodeId, InetSocketAddress> addresses = new LinkedHashMap<>();
        int octet = 200;
        for (NodeId node : List.of(A, B, C)) {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0." + octet++));
            servers.put(node, server);
            addresses.put(node, (InetSocketAddress) server.getLocalSocketAddress());
        }
        StringBuilder why = new StringBuilder();
        NftNetwork network = NftNetwork.tryCreate("test_" + ProcessHandle.current().pid(), addresses, why);
        assertNotNull(network, "nftables is usable here (CI runs as root with nftables): " + why);
        try {
            assertTrue(reaches(addresses, A, B) && reaches(addresses, B, A), "connected before any fault");

            network.partition(List.of(List.of(A), List.of(B, C)));
            assertFalse(reaches(addresses, A, B), "a cannot reach b across the partition");
            assertFalse(reaches(addresses, C, A), "nor c reach a");
            assertTrue(reaches(addresses, B, C), "b and c, on one side, still talk");

            network.heal();
            network.cut(List.of(A), List.of(B));
            assertFalse(reaches(addresses, A, B), "the cut stops a's connections to b");
            assertTrue(reaches(addresses, B, A), "but not b's connections to a");

            network.heal();
            assertTrue(reaches(addresses, A, B) && reaches(addresses, B, A), "healed");
        } finally {
            network.close();
            for (ServerSocket server : servers.values()) {
                server.close();
            }
        }
    }

    /** A table left by a harness that died (its pid gone) is removed; a live harness's table stays. */
    @Test
    void orphanedTablesOfDeadHarnessesAreRemoved() throws Exception {
        long dead = 4_000_000;   // above the kernel's pid limit: no such process
        while (ProcessHandle.of(dead).isPresent()) {
            dead++;
        }
        NftNetwork.nft("table ip mycel_local_" + dead + " {\n  chain out {\n    type filter hook output priority 0; policy accept;\n  }\n}\n");
        StringBuilder why = new StringBuilder();
        NftNetwork mine = NftNetwork.tryCreate("local_" + ProcessHandle.current().pid(), Map.of(), why);
        assertNotNull(mine, why.toString());
        try {
            NftNetwork.removeOrphans("local");
            java.lang.Process list = new ProcessBuilder("nft", "list", "tables").start();
            String tables = new String(list.getInputStream().readAllBytes());
            assertFalse(tables.contains("mycel_local_" + dead), tables);
            assertTrue(tables.contains("mycel_local_" + ProcessHandle.current().pid()), tables);
        } finally {
            mine.close();
        }
    }

    /** Whether {@code from}, connecting from its own address, gets a connection to {@code to} within 300 ms. */
    private static boolean reaches(Map<NodeId, InetSocketAddress> addresses, NodeId from, NodeId to) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(addresses.get(from).getAddress(), 0));
            socket.connect(addresses.get(to), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
