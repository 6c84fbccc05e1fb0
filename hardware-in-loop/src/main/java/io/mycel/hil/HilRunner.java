package io.mycel.hil;

import io.mycel.check.CheckResult;
import io.mycel.check.History;
import io.mycel.check.HistoryJson;
import io.mycel.faults.Fault;
import io.mycel.faults.FaultPlan;
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
import io.mycel.sim.LinkModel;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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

    private static final Duration NODE_START_TIMEOUT = Duration.ofSeconds(60);

    private HilRunner() {
    }

    public static Outcome run(Scenario template, long seed, ClusterBackend backend, Path outputRoot) throws IOException {
        long wallStart = System.nanoTime();
        Scenario drawn = template.forSeed(seed);
        Program program = drawn.nodes().program();
        List<String> notices = new ArrayList<>();
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
        Scenario scenario = drawn.withChecks(judged);
        notices.addAll(unsupportedSettings(scenario));
        Path dir = outputRoot.resolve(scenario.name()).resolve("hil-" + backend.name() + "-seed-" + seed);
        Files.createDirectories(dir);
        FaultPlan plan = ScenarioRunner.drawPlan(scenario, seed);
        List<NodeId> nodes = scenario.nodes().ids();

        Map<NodeId, InetSocketAddress> addresses = backend.prepare(new ClusterPlan(dir, program.name(),
                scenario.nodes().config().values(), nodes, seed));
        if (backend.network() == null) {
            notices.add("partitions and cuts skipped: " + backend.networkUnavailableReason());
        }
        for (NodeId node : nodes) {
            backend.start(node);
        }
        for (NodeId node : nodes) {
            backend.awaitReady(node, NODE_START_TIMEOUT);
        }

        TraceBuffer buffer = new TraceBuffer();
        long end = ScenarioRunner.endMicros(scenario);
        String error = null;
        HistoryRecorder recorder;
        EventLoopHost clients = null;
        ScheduledThreadPoolExecutor faultThread = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "mycel-hil-faults"));
        // At the end, a fault being made finishes (interrupting it could break a backend's connection);
        // faults planned past the end are dropped.
        faultThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        MonotonicClock clock = MonotonicClock.fromZero();
        try (OutputStream historyOut = Files.newOutputStream(dir.resolve("history.jsonl"));
             OutputStream clientLog = Files.newOutputStream(dir.resolve("clients.log"))) {
            HistoryJson.Writer historyFile = new HistoryJson.Writer(historyOut);
            recorder = new HistoryRecorder(buffer, historyFile);
            List<String> clientNames = new ArrayList<>();
            clients = new EventLoopHost("clients", clock, new NodeLog(clientLog, clock, "clients"), new NodeMetrics("clients"),
                    TransportLimits.DEFAULT, addresses, null);
            SeededRandom root = new SeededRandom(seed);
            List<ScenarioRunner.ClientSpec> specs = new ArrayList<>(ScenarioRunner.workloadClients(scenario, recorder));
            specs.forEach(spec -> clientNames.add(spec.id().name()));
            specs.addAll(ScenarioRunner.finalReaders(scenario, recorder));
            boolean adminFaults = plan.steps().stream().anyMatch(step -> step.fault() instanceof Fault.Admin);
            AdminClient admin = adminFaults ? new AdminClient(program.client(), nodes) : null;
            if (admin != null) {
                specs.add(new ScenarioRunner.ClientSpec(NodeId.of(ScenarioRunner.ADMIN_CLIENT), () -> admin));
            }
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (ScenarioRunner.ClientSpec spec : specs) {
                // Each client draws from the stream the simulator would give it for this seed.
                SeededRandom random = root.fork("node/" + spec.id().name()).fork("incarnation/1");
                clients.add(spec.id(), Hello.Role.CLIENT, nodes, program.codec(), spec.process().get(), new VolatileStore(),
                        random, PowerView.MAINS, (endpoint, e) -> failures.add(endpoint.self() + ": " + e));
            }
            buffer.record(0, "run", "scenario", scenario.name(), "seed", seed, "program", program.name(),
                    "nodes", nodes.stream().map(NodeId::name).toList(), "clients", clientNames,
                    "duration", scenario.durationMicros(), "settle", scenario.settleMicros(), "backend", backend.name());
            for (NodeId node : nodes) {
                buffer.record(0, "start", "node", node.name());
            }
            EventLoopHost clientHost = clients;
            RealFaults faults = new RealFaults(backend, buffer, clock, faultThread,
                    (action, node) -> clientHost.execute(() -> admin.request(action, node)));
            List<Throwable> faultErrors = java.util.Collections.synchronizedList(new ArrayList<>());
            for (FaultPlan.Step step : plan.steps()) {
                faultThread.schedule(guarded(() -> step.fault().applyTo(faults), faultErrors),
                        step.atMicros() - clock.nowMicros(), TimeUnit.MICROSECONDS);
            }
            faultThread.schedule(guarded(() -> faults.mendEverything(nodes), faultErrors),
                    scenario.durationMicros() - clock.nowMicros(), TimeUnit.MICROSECONDS);
            clients.start();
            sleepUntil(clock, end);
            faultThread.shutdown();
            if (!faultThread.awaitTermination(60, TimeUnit.SECONDS)) {
                faultErrors.add(new IllegalStateException("a fault was still being made 60 s after the run's end"));
            }
            clients.close();
            clients = null;
            historyFile.close();
            if (!failures.isEmpty()) {
                error = "a client's code threw: " + failures.get(0);
            } else if (!faultErrors.isEmpty()) {
                error = "a fault could not be made: " + faultErrors.get(0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            faultThread.shutdown();
            if (clients != null) {
                clients.close();
            }
            backend.close();
        }
        NodeLogs.Merged logs = NodeLogs.merge(backend, nodes, clock.epochMicrosAtZero(), buffer);
        if (error == null && logs.failure() != null) {
            error = logs.failure();
        }

        EventRecorder events;
        String sha;
        try (OutputStream traceOut = Files.newOutputStream(dir.resolve("trace.jsonl"))) {
            JsonTraceWriter trace = new JsonTraceWriter(traceOut);
            events = new EventRecorder(trace, Simulation.networkFields(scenario.network().defaultLink()));
            buffer.drainTo(events);
            trace.close();
            sha = trace.sha256();
        }
        RunRecord run = events.toRunRecord(new History(recorder.ops()), nodes, scenario.durationMicros(), end, Map.of());
        List<CheckResult> checks = new ArrayList<>();
        for (String name : scenario.checks()) {
            long bound = scenario.checkBoundsMicros().getOrDefault(name, 0L);
            checks.add(CheckCatalog.get(name).judge().judge(run, bound));
        }
        long answered = recorder.ops().stream().filter(op -> op.type() != io.mycel.check.Op.Type.INVOKE).count();
        SimStats stats = new SimStats(buffer.sorted().size(), recorder.ops().size() - answered, answered, 0,
                0, Map.of());
        RunResult result = new RunResult(scenario, seed, checks, stats, end, sha, error, dir, recorder.performed());
        ScenarioRunner.writeVerdict(result, dir.resolve("verdict.json"));
        Files.writeString(dir.resolve("scenario.yaml"), ScenarioWriter.toYaml(drawn, "The scenario " + scenario.source()
                + " ran on real nodes (" + backend.name() + ") for seed " + seed + ", with what the seed drew fixed.", seed, plan),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("notices.txt"), String.join("\n", notices) + (notices.isEmpty() ? "" : "\n"),
                StandardCharsets.UTF_8);
        RunReport.write(dir);
        return new Outcome(result, notices, (System.nanoTime() - wallStart) / 1e9);
    }

    /** Settings of the scenario a real network and real clocks do not follow here, said once each. */
    static List<String> unsupportedSettings(Scenario scenario) {
        List<String> notices = new ArrayList<>();
        LinkModel link = scenario.network().defaultLink();
        if (link.loss() > 0 || link.duplicate() > 0 || link.reorder() > 0) {
            notices.add("the network's loss, duplication and reordering are not applied: real links need the fault proxy,"
                    + " not built yet");
        }
        notices.add("the network's latency is the machine's own, not " + link.latency());
        if (!scenario.network().links().isEmpty()) {
            notices.add("per-link models are not applied on real links yet");
        }
        if (!scenario.nodes().clocks().isEmpty()) {
            notices.add("clock offsets and drift are not applied: real clocks need libfaketime, not wired yet");
        }
        if (scenario.nodes().power() != null) {
            notices.add("the power model is not applied: real nodes run on mains here");
        }
        return notices;
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

    private static void sleepUntil(MonotonicClock clock, long micros) throws InterruptedException {
        long left;
        while ((left = micros - clock.nowMicros()) > 0) {
            Thread.sleep(Math.max(1, Math.min(left / 1000, 200)));
        }
    }
}
