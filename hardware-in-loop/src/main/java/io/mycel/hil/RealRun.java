package io.mycel.hil;

import io.mycel.check.CheckResult;
import io.mycel.check.History;
import io.mycel.check.HistoryJson;
import io.mycel.faults.Fault;
import io.mycel.faults.FaultPlan;
import io.mycel.hil.power.Ina219;
import io.mycel.hil.power.PowerBench;
import io.mycel.node.api.NamedInvariant;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.PowerView;
import io.mycel.node.api.Program;
import io.mycel.node.api.SeededRandom;
import io.mycel.node.runtime.EventLoopHost;
import io.mycel.node.runtime.Hello;
import io.mycel.node.runtime.MonotonicClock;
import io.mycel.node.runtime.NodeLog;
import io.mycel.node.runtime.NodeMetrics;
import io.mycel.node.runtime.TransportLimits;
import io.mycel.node.runtime.VolatileStore;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioWriter;
import io.mycel.scenario.run.AdminClient;
import io.mycel.scenario.run.CheckCatalog;
import io.mycel.scenario.run.EventRecorder;
import io.mycel.scenario.run.HistoryRecorder;
import io.mycel.scenario.run.RunRecord;
import io.mycel.scenario.run.RunResult;
import io.mycel.scenario.run.ScenarioRunner;
import io.mycel.sim.JsonTraceWriter;
import io.mycel.sim.SimStats;
import io.mycel.sim.Simulation;
import io.mycel.viz.report.RunReport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import io.mycel.check.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One real run, phase by phase: what can be judged ({@link #plan}), the cluster started
 * ({@link #startCluster}), the workload, faults and power bench driven in real time
 * ({@link #drive}), and the verdict from the merged trace ({@link #judge}).
 */
final class RealRun {

    private static final Duration NODE_START_TIMEOUT = Duration.ofSeconds(60);

    private final Scenario drawn;
    private final long seed;
    private final ClusterBackend backend;
    private final HilRunner.BenchFactory benches;
    private final Program program;
    private final List<String> notices = new ArrayList<>();
    private final TraceBuffer buffer = new TraceBuffer();
    /** The run's clock: zero when the cluster is up and the workload and faults begin. */
    private MonotonicClock clock;
    private Scenario scenario;
    private Path dir;
    private FaultPlan plan;
    private List<NodeId> nodes;
    private Map<NodeId, InetSocketAddress> addresses;
    private HistoryRecorder recorder;
    /** The scenario's link models on real links, or null when links are bare. */
    private LinkShaper links;
    private String error;

    RealRun(Scenario template, long seed, ClusterBackend backend, HilRunner.BenchFactory benches) {
        this.drawn = template.forSeed(seed);
        this.seed = seed;
        this.backend = backend;
        this.benches = benches;
        this.program = drawn.nodes().program();
    }

    List<String> notices() {
        return notices;
    }

    /** Keeps the checks a real run can judge, says why the others are left out, and draws the faults. */
    void plan(Path outputRoot) throws IOException {
        List<String> judged = new ArrayList<>();
        List<String> invariantNames = program.invariants().stream().map(NamedInvariant::name).toList();
        for (String check : drawn.checks()) {
            if (invariantNames.contains(check)) {
                notices.add(check + " not judged: it reads every node's state after every event, which only the simulator"
                        + " and the model checker can do");
            } else {
                judged.add(check);
            }
        }
        scenario = drawn.withChecks(judged);
        dir = outputRoot.resolve(scenario.name()).resolve("hil-" + backend.name() + "-seed-" + seed);
        // Nodes recover whatever their data directories hold: a run starts from none, as in simulation.
        deleteRecursively(dir);
        Files.createDirectories(dir);
        plan = ScenarioRunner.drawPlan(scenario, seed);
        nodes = scenario.nodes().ids();
        boolean linkFaults = plan.steps().stream()
                .anyMatch(step -> step.fault() instanceof Fault.Loss || step.fault() instanceof Fault.Latency);
        String noShaping = backend.linkShapingUnavailableReason();
        if (LinkShaper.needed(scenario.network(), linkFaults)) {
            if (noShaping == null) {
                links = new LinkShaper(nodes, scenario.network());
                notices.add("links shaped by a fault proxy beside each node: the scenario's latency, loss, duplication and"
                        + " reordering act on whole messages, on top of the machine's own network; clients reach their"
                        + " nodes directly");
            } else {
                notices.add(noShaping);
            }
        }
        notices.addAll(HilRunner.unsupportedSettings(scenario, links != null));
    }

    /** Deploys and starts every node, and waits until all listen. */
    void startCluster() throws IOException {
        boolean clockFaults = !scenario.nodes().clocks().isEmpty() || plan.steps().stream()
                .anyMatch(step -> step.fault() instanceof Fault.ClockSkew || step.fault() instanceof Fault.ClockDrift);
        addresses = backend.prepare(new ClusterPlan(dir, program.name(), scenario.nodes().config().values(), nodes, seed,
                clockFaults, links));
        if (backend.network() == null) {
            notices.add("partitions and cuts skipped: " + backend.networkUnavailableReason());
        }
        for (NodeId node : nodes) {
            backend.start(node);
        }
        for (NodeId node : nodes) {
            backend.awaitReady(node, NODE_START_TIMEOUT);
        }
    }

    /**
     * From the run's zero: the clients, the fault plan (mended at {@code duration}) and the bench's
     * sampling, until the run's end; then everything stops, the backend included.
     */
    void drive() throws IOException {
        clock = MonotonicClock.fromZero();
        ScheduledThreadPoolExecutor faultThread = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "mycel-hil-faults"));
        // At the end, a fault being made finishes (interrupting it could break a backend's connection);
        // faults planned past the end are dropped.
        faultThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        ScheduledThreadPoolExecutor powerThread = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "mycel-hil-power"));
        PowerBench bench = null;
        EventLoopHost clients = null;
        try (OutputStream historyOut = Files.newOutputStream(dir.resolve("history.jsonl"));
             OutputStream clientLog = Files.newOutputStream(dir.resolve("clients.log"))) {
            HistoryJson.Writer historyFile = new HistoryJson.Writer(historyOut);
            recorder = new HistoryRecorder(buffer, historyFile);
            clients = new EventLoopHost("clients", clock, new NodeLog(clientLog, clock, "clients"), new NodeMetrics("clients"),
                    TransportLimits.DEFAULT, addresses, null);
            List<String> clientFailures = Collections.synchronizedList(new ArrayList<>());
            AdminClient admin = addClients(clients, clientFailures);
            for (NodeId node : nodes) {
                buffer.record(0, "start", "node", node.name());
            }
            bench = benches == null ? null : benches.open(nodes, backend);
            if (bench != null) {
                PowerBench sensors = bench;
                powerThread.scheduleAtFixedRate(() -> samplePower(sensors), 0, HilRunner.POWER_SAMPLE_MICROS, TimeUnit.MICROSECONDS);
            }
            EventLoopHost clientHost = clients;
            RealFaults faults = new RealFaults(backend, buffer, clock, faultThread,
                    (action, node) -> clientHost.execute(() -> admin.request(action, node)), bench, links, nodes);
            List<Throwable> faultErrors = Collections.synchronizedList(new ArrayList<>());
            for (FaultPlan.Step step : plan.steps()) {
                faultThread.schedule(guarded(() -> step.fault().applyTo(faults), faultErrors),
                        step.atMicros() - clock.nowMicros(), TimeUnit.MICROSECONDS);
            }
            Map<NodeId, long[]> ownClocks = new java.util.TreeMap<>();
            scenario.nodes().clocks().forEach((node, c) -> ownClocks.put(node, new long[] {c.offsetMicros(), c.driftPpm()}));
            ownClocks.forEach((node, c) -> faults.setClock(node, c[0], c[1]));
            faultThread.schedule(guarded(() -> faults.mendEverything(nodes, ownClocks), faultErrors),
                    scenario.durationMicros() - clock.nowMicros(), TimeUnit.MICROSECONDS);
            clients.start();
            sleepUntil(ScenarioRunner.endMicros(scenario));
            powerThread.shutdown();
            faultThread.shutdown();
            if (!faultThread.awaitTermination(60, TimeUnit.SECONDS)) {
                faultErrors.add(new IllegalStateException("a fault was still being made 60 s after the run's end"));
            }
            clients.close();
            clients = null;
            historyFile.close();
            if (!clientFailures.isEmpty()) {
                error = "a client's code threw: " + clientFailures.get(0);
            } else if (!faultErrors.isEmpty()) {
                error = "a fault could not be made: " + faultErrors.get(0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            powerThread.shutdownNow();
            faultThread.shutdown();
            if (bench != null) {
                bench.close();
            }
            if (clients != null) {
                clients.close();
            }
            backend.close();
        }
    }

    /**
     * The scenario's clients on the harness's event loop, each drawing from the stream the simulator
     * would give it for this seed; returns the operator's client when the plan has admin faults.
     */
    private AdminClient addClients(EventLoopHost clients, List<String> failures) {
        List<ScenarioRunner.ClientSpec> specs = new ArrayList<>(ScenarioRunner.workloadClients(scenario, recorder));
        List<String> clientNames = specs.stream().map(spec -> spec.id().name()).toList();
        specs.addAll(ScenarioRunner.finalReaders(scenario, recorder));
        boolean adminFaults = plan.steps().stream().anyMatch(step -> step.fault() instanceof Fault.Admin);
        AdminClient admin = adminFaults ? new AdminClient(program.client(), nodes) : null;
        if (admin != null) {
            specs.add(new ScenarioRunner.ClientSpec(NodeId.of(ScenarioRunner.ADMIN_CLIENT), () -> admin));
        }
        SeededRandom root = new SeededRandom(seed);
        for (ScenarioRunner.ClientSpec spec : specs) {
            SeededRandom random = root.fork("node/" + spec.id().name()).fork("incarnation/1");
            clients.add(spec.id(), Hello.Role.CLIENT, nodes, program.codec(), spec.process().get(), new VolatileStore(),
                    random, PowerView.MAINS, (endpoint, e) -> failures.add(endpoint.self() + ": " + e));
        }
        buffer.record(0, "run", "scenario", scenario.name(), "seed", seed, "program", program.name(),
                "nodes", nodes.stream().map(NodeId::name).toList(), "clients", clientNames,
                "duration", scenario.durationMicros(), "settle", scenario.settleMicros(), "backend", backend.name(),
                "positions", scenario.nodes().positionsByName());
        return admin;
    }

    /** Merges the nodes' logs into the trace, writes the run's files and judges its checks. */
    RunResult judge() throws IOException {
        NodeLogs.Merged logs = NodeLogs.merge(backend, nodes, clock, buffer);
        if (error == null && logs.failure() != null) {
            error = logs.failure();
        }
        long end = ScenarioRunner.endMicros(scenario);
        EventRecorder events;
        String sha;
        try (OutputStream traceOut = Files.newOutputStream(dir.resolve("trace.jsonl"))) {
            JsonTraceWriter trace = new JsonTraceWriter(traceOut);
            events = new EventRecorder(trace, Simulation.networkFields(scenario.network().defaultLink()));
            if (scenario.checks().contains(io.mycel.scenario.check.CriticalAnswersCheck.NAME)) {
                events.keepClientMessages();
            }
            buffer.drainTo(events);
            trace.close();
            sha = trace.sha256();
        }
        RunRecord run = events.toRunRecord(new History(recorder.ops()), nodes, scenario.durationMicros(), end, Map.of());
        List<CheckResult> checks = new ArrayList<>();
        for (String name : scenario.checks()) {
            checks.add(CheckCatalog.get(name).judge().judge(run, scenario.checkBoundsMicros().getOrDefault(name, 0L)));
        }
        long answered = recorder.ops().stream().filter(op -> op.type() != Op.Type.INVOKE).count();
        SimStats stats = new SimStats(buffer.size(), recorder.ops().size() - answered, answered, 0, 0, Map.of());
        RunResult result = new RunResult(scenario, seed, checks, stats, end, sha, error, dir, recorder.performed());
        ScenarioRunner.writeVerdict(result, dir.resolve("verdict.json"));
        Files.writeString(dir.resolve("scenario.yaml"), ScenarioWriter.toYaml(drawn, "The scenario " + scenario.source()
                + " ran on real nodes (" + backend.name() + ") for seed " + seed + ", with what the seed drew fixed.", seed, plan),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("notices.txt"), String.join("\n", notices) + (notices.isEmpty() ? "" : "\n"),
                StandardCharsets.UTF_8);
        RunReport.write(dir);
        return result;
    }

    /** One reading of every node's sensor, as the power model's telemetry records it (a mains supply: full charge, no harvest). */
    private void samplePower(PowerBench bench) {
        for (NodeId node : bench.nodes()) {
            Ina219.Reading reading = bench.read(node);
            buffer.record(clock.nowMicros(), "energy", "node", node.name(), "soc", 1.0, "harvest", 0.0, "load", reading.watts(),
                    "volts", reading.busVolts(), "amps", reading.amps());
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Runnable guarded(Runnable action, List<Throwable> errors) {
        return () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        };
    }

    private void sleepUntil(long micros) throws InterruptedException {
        long left;
        while ((left = micros - clock.nowMicros()) > 0) {
            Thread.sleep(Math.max(1, Math.min(left / 1000, 200)));
        }
    }
}
