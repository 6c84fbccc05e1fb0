package io.mycel.node.mesh;

import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ConfigOption;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.Process;
import io.mycel.node.api.Program;
import io.mycel.node.api.ProgramConfig;
import io.mycel.node.store.CrdtKind;
import io.mycel.node.store.PlantedBug;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code mesh} program: SWIM membership, an overlay chosen by the scenario, and a CRDT store
 * replicated by delta broadcast and anti-entropy. The hub of the {@code hub} overlay is the first
 * configured node.
 */
public final class MeshProgram implements Program {

    private static final MeshCodec CODEC = new MeshCodec();
    private static final MeshClient CLIENT = new MeshClient();

    @Override
    public String name() {
        return "mesh";
    }

    @Override
    public String description() {
        return "SWIM membership, a full-mesh, hub or HyParView/Plumtree overlay, and a CRDT store with anti-entropy";
    }

    @Override
    public List<ConfigOption> options() {
        List<ConfigOption> options = new ArrayList<>(layerOptions());
        options.add(ConfigOption.choice("crdt", "counter", Arrays.stream(CrdtKind.values()).map(CrdtKind::label).toList(),
                "what every key holds: a PN-counter, an add-wins OR-set, or an LWW register"));
        options.add(ConfigOption.choice("bug", "none", Arrays.stream(PlantedBug.values()).map(PlantedBug::label).toList(),
                "plants a bug the checks must catch"));
        options.add(ConfigOption.duration("delta-interval", "50ms", "1ms", "store: deltas are batched this long before broadcast"));
        options.add(ConfigOption.duration("anti-entropy-interval", "1s", "1ms", "store: time between digest exchanges"));
        options.add(ConfigOption.duration("flush-interval", "200ms", "1ms", "store: time between syncs of merged states"));
        return options;
    }

    /** The options of the layers every mesh node runs: membership and the overlay. */
    static List<ConfigOption> layerOptions() {
        return List.of(
                ConfigOption.choice("membership", "swim", List.of("swim", "static"),
                        "swim detects failures; static takes every configured node to be alive"),
                ConfigOption.choice("overlay", "full-mesh", labels(MeshSettings.OverlayKind.values()),
                        "full-mesh for small clusters, hub for a star, partial-view (HyParView + Plumtree) for large meshes"),
                ConfigOption.duration("probe-interval", "500ms", "1ms", "SWIM protocol period"),
                ConfigOption.duration("probe-timeout", "150ms", "1ms", "SWIM: wait for a direct ack before indirect probes"),
                ConfigOption.integer("indirect-probes", "3", 0, "SWIM: members asked to probe indirectly"),
                ConfigOption.integer("suspicion-periods", "4", 1, "SWIM: periods a suspect has to refute"),
                ConfigOption.integer("active-view", "5", 1, "HyParView: active view size"),
                ConfigOption.integer("passive-view", "30", 1, "HyParView: passive view size"),
                ConfigOption.duration("shuffle-interval", "2s", "1ms", "HyParView: time between shuffles"),
                ConfigOption.duration("heartbeat-interval", "500ms", "1ms", "HyParView: keep-alive on active links"),
                ConfigOption.duration("failure-timeout", "2s", "2ms", "HyParView: a silent active neighbour is dropped after this"),
                ConfigOption.duration("lazy-interval", "100ms", "1ms", "Plumtree: announcements are batched this long"),
                ConfigOption.duration("graft-timeout", "300ms", "1ms", "Plumtree: wait for a missing message before grafting; full mesh and hub: wait for an ack before resending"),
                ConfigOption.duration("sleep-every", "0s", "0s", "each node sleeps (radio off) once in every such period, "
                        + "at a phase drawn from its name; 0s: never"),
                ConfigOption.duration("sleep-for", "1s", "1ms", "with sleep-every: how long each sleep lasts"),
                ConfigOption.duration("sleep-guard", "200ms", "0s", "with sleep-every: the margin around a peer's sleep "
                        + "within which SWIM neither probes nor suspects it (clock disagreement, frames in flight)"),
                ConfigOption.choice("sleep-aware", "on", List.of("on", "off"),
                        "on: SWIM knows the sleep schedule; off plants a bug: sleeping peers are probed and declared dead"));
    }

    static List<String> labels(MeshSettings.OverlayKind[] kinds) {
        return Arrays.stream(kinds).map(MeshSettings.OverlayKind::label).toList();
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
        return new MeshProcess(MeshSettings.ofStore(config));
    }

    @Override
    public ClientAdapter client() {
        return CLIENT;
    }
}
