package io.mycel.hil;

import io.mycel.hil.power.PowerBench;
import io.mycel.node.api.NodeId;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.run.RunResult;
import io.mycel.sim.LinkModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one seed of a scenario on real nodes: the same file, workload, fault plan, checks and trace
 * format as {@code mycel run}, with real processes, real time and real faults.
 *
 * <p>The nodes start and listen first; then the run's clock reads zero and the workload clients
 * (the simulator's own client processes, on one event loop of the harness) and the fault plan begin.
 * At {@code duration} every fault is mended, the system settles, each node answers a final read, and
 * the run ends. The nodes' logs are merged into the trace by time, the checks judge the history and
 * the trace as in simulation, and the run folder gets the same files.
 *
 * <p>What a real run cannot do it says, in the verdict's notices and in the trace: checks that read
 * every node's state after every event (a program's invariants) are left to the simulator and the
 * model checker, and faults the backend cannot make here are recorded as skipped.
 */
public final class HilRunner {

    /** What a real run came to: the result as a simulated run reports it, and what it could not do. */
    public record Outcome(RunResult result, List<String> notices, double wallSeconds) {
    }

    private HilRunner() {
    }

    /** Opens the power bench of a run's nodes, wired to its backend; see {@link PowerBench}. */
    @FunctionalInterface
    public interface BenchFactory {
        PowerBench open(List<NodeId> nodes, ClusterBackend backend);
    }

    /** How often a power bench's sensors are read into the trace. */
    static final long POWER_SAMPLE_MICROS = 250_000;

    public static Outcome run(Scenario template, long seed, ClusterBackend backend, Path outputRoot) throws IOException {
        return run(template, seed, backend, outputRoot, null);
    }

    /**
     * As {@link #run(Scenario, long, ClusterBackend, Path)}, with a power bench when {@code benches}
     * is not null: crashes become power cuts through the nodes' relays, and the sensors' readings go
     * into the trace as {@code energy} records every {@value #POWER_SAMPLE_MICROS} us.
     */
    public static Outcome run(Scenario template, long seed, ClusterBackend backend, Path outputRoot, BenchFactory benches)
            throws IOException {
        long wallStart = System.nanoTime();
        RealRun run = new RealRun(template, seed, backend, benches);
        run.plan(outputRoot);
        try {
            run.startCluster();
        } catch (IOException | RuntimeException e) {
            backend.close();
            throw e;
        }
        run.drive();
        RunResult result = run.judge();
        return new Outcome(result, run.notices(), (System.nanoTime() - wallStart) / 1e9);
    }

    /** Settings of the scenario a real network and real clocks do not follow here, said once each. */
    static List<String> unsupportedSettings(Scenario scenario, boolean shapedLinks) {
        List<String> notices = new ArrayList<>();
        LinkModel link = scenario.network().defaultLink();
        if (!shapedLinks && (link.loss() > 0 || link.duplicate() > 0 || link.reorder() > 0 || !scenario.network().links().isEmpty())) {
            notices.add("the network's loss, duplication, reordering and per-link models are not applied: links are bare");
        }
        if (!shapedLinks) {
            notices.add("the network's latency is the machine's own, not " + link.latency());
        }
        if (scenario.nodes().power() != null) {
            notices.add("the power model is not applied: real nodes run on mains here");
        }
        if (scenario.network().secureLinks() != null) {
            notices.add("secure-links is not applied: the harness gives its nodes no identities, so links are plain TCP"
                    + " (nodes with identity: in node.yaml have TLS links; see mycel ca)");
        }
        return notices;
    }
}
