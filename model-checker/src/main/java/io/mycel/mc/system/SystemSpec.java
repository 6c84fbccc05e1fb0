package io.mycel.mc.system;

import io.mycel.node.api.NamedInvariant;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Program;
import io.mycel.node.api.ProgramConfig;
import java.util.List;

/**
 * The small system an exploration starts from: servers running one program, its clients, the faults
 * a path may hold, and the program's invariants to check in every state.
 *
 * @param seed every server's random stream starts from this seed (the same for all, so that servers
 *             are interchangeable and symmetry reduction can apply); each client's is forked by name
 */
public record SystemSpec(List<NodeId> servers, Program program, ProgramConfig config, List<ClientSpec> clients,
                         FaultBudget faults, long seed, List<NamedInvariant> invariants) {
    public SystemSpec {
        servers = List.copyOf(servers);
        clients = List.copyOf(clients);
        invariants = List.copyOf(invariants);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("an exploration needs at least one server");
        }
        for (ClientSpec c : clients) {
            if (!servers.contains(c.server())) {
                throw new IllegalArgumentException("client " + c.id() + " talks to " + c.server()
                        + ", which is not a server; servers: " + servers);
            }
        }
    }
}
