package io.mycel.node.mesh;

import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ConfigOption;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.Process;
import io.mycel.node.api.Program;
import io.mycel.node.api.ProgramConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code presence} program: the mesh's membership and overlay, with the presence service on
 * top (who is online at which node; see {@link io.mycel.node.presence.Presence}).
 */
public final class PresenceProgram implements Program {

    private static final MeshCodec CODEC = new MeshCodec();
    private static final PresenceClient CLIENT = new PresenceClient();

    @Override
    public String name() {
        return "presence";
    }

    @Override
    public String description() {
        return "presence (who is online at which node) over SWIM and a full-mesh, hub or HyParView/Plumtree overlay";
    }

    @Override
    public List<ConfigOption> options() {
        List<ConfigOption> options = new ArrayList<>(MeshProgram.layerOptions());
        options.add(ConfigOption.duration("presence-heartbeat", "1s", "1ms", "presence: a node broadcasts its table this often"));
        options.add(ConfigOption.duration("presence-timeout", "3s", "2ms",
                "presence: a node not heard from this long has its presences hidden"));
        options.add(ConfigOption.choice("bug", "none", List.of("none", "no-expiry"),
                "plants a bug the checks must catch: no-expiry never hides the presences of a node gone silent"));
        return options;
    }

    @Override
    public String problemWith(ProgramConfig config) {
        return MeshSettings.sleepProblem(config);
    }

    @Override
    public MessageCodec codec() {
        return CODEC;
    }

    @Override
    public Process newProcess(ProgramConfig config) {
        return new MeshProcess(MeshSettings.ofPresence(config));
    }

    @Override
    public ClientAdapter client() {
        return CLIENT;
    }
}
