package io.mycel.hil;

import io.mycel.node.api.NodeId;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;

/** Writes a node's {@code node.yaml} for a backend, in the form {@code NodeConfigReader} reads. */
final class NodeYaml {

    private NodeYaml() {
    }

    /**
     * @param clockFile where the harness steers the node's clock; written only when the plan has clock faults
     * @param metrics where the node serves {@code /metrics} and {@code /role}, or null
     */
    static String render(NodeId node, InetSocketAddress listen, ClusterPlan plan, Map<NodeId, InetSocketAddress> members,
                         Path data, Path clockFile, InetSocketAddress metrics) {
        StringBuilder out = new StringBuilder();
        out.append("# written by mycel hil for ").append(plan.runDir()).append('\n');
        out.append("id: ").append(node.name()).append('\n');
        out.append("listen: ").append(hostPort(listen)).append('\n');
        out.append("program: ").append(plan.program()).append('\n');
        out.append("config:\n");
        new java.util.TreeMap<>(plan.options()).forEach((k, v) -> out.append("  ").append(k).append(": '")
                .append(v.replace("'", "''")).append("'\n"));
        if (plan.options().isEmpty()) {
            out.setLength(out.length() - "config:\n".length());
        }
        out.append("members:\n");
        members.forEach((id, address) -> out.append("  ").append(id.name()).append(": ").append(hostPort(address)).append('\n'));
        out.append("data: '").append(data.toString().replace("'", "''")).append("'\n");
        out.append("seed: ").append(plan.seed()).append('\n');
        if (metrics != null) {
            out.append("metrics: ").append(hostPort(metrics)).append('\n');
        }
        if (plan.clockFaults()) {
            out.append("clock-file: '").append(clockFile.toString().replace("'", "''")).append("'\n");
        }
        return out.toString();
    }

    static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
