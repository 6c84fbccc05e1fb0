package io.mycel.scenario.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mycel.check.CheckResult;
import io.mycel.check.History;
import io.mycel.check.HistoryJson;
import io.mycel.check.Verdict;
import io.mycel.faults.Fault;
import io.mycel.faults.FaultPlan;
import io.mycel.faults.SimulationFaults;
import io.mycel.node.api.NamedInvariant;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.Program;
import io.mycel.node.api.SeededRandom;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioWriter;
import io.mycel.sim.JsonTraceWriter;
import io.mycel.viz.report.RunReport;
import io.mycel.sim.NodeStatus;
import io.mycel.sim.Simulation;
import io.mycel.sim.SimulationBuilder;
import io.mycel.sim.SimulationException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one seed of a scenario in the simulator, in two phases as the best simulators do: a safety
 * phase of {@code duration} with the workload and the faults, then a liveness phase where every
 * fault is mended (partitions healed, nodes restarted and resumed, clocks and links back to the
 * scenario's own), the system gets {@code settle} to converge, and each node answers a final read.
 * Then the checks judge the run: its client history, and the notes, crashes, pauses and network
 * faults of the trace ({@link RunRecord}).
 *
 * <p>With an output folder it writes {@code trace.jsonl} (streamed), {@code history.jsonl}
 * (streamed), {@code faults.yaml} (the plan, drawn parts included), {@code scenario.yaml} (the run
 * as a scenario of its own: what the seed drew, faults included, fixed), {@code verdict.json} and
 * {@code report.html}.
 * A scenario with parameters left to the seed runs the draw for that seed ({@link Scenario#forSeed}).
 */
public final class ScenarioRunner {

    /**
     * Clients are named {@code @c1, @c2, ...} and final readers {@code @f1, ...}: node names cannot
     * contain '@', so the two never clash.
     */
    static final String CLIENT_PREFIX = "@c";
    static final String FINAL_READER_PREFIX = "@f";
    /** The lab's operator client, which carries out administrative faults. */
    public static final String ADMIN_CLIENT = "@admin";

    /** Final readers get process numbers far above any workload process. */
    static final long FINAL_READER_PROCESS_BASE = 1_000_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScenarioRunner() {
    }

    public static RunResult run(Scenario template, long seed, Path outputRoot, Simulation.ProgressListener progress) {
        Scenario scenario = template.forSeed(seed);
        Path dir = outputRoot == null ? null : outputRoot.resolve(scenario.name()).resolve("seed-" + seed);
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            RunResult result;
            try (OutputStream traceOut = dir == null ? OutputStream.nullOutputStream() : Files.newOutputStream(dir.resolve("trace.jsonl"));
                 OutputStream historyOut = dir == null ? OutputStream.nullOutputStream() : Files.newOutputStream(dir.resolve("history.jsonl"))) {
                result = runWith(scenario, seed, dir, traceOut, historyOut, progress);
                if (dir != null) {
                    writeVerdict(result, dir.resolve("verdict.json"));
                }
            }
            if (dir != null) {
                // Read back from the files just closed, as it would be for any run's folder.
                RunReport.write(dir);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run output to " + dir, e);
        }
    }

    private static RunResult runWith(Scenario scenario, long seed, Path dir, OutputStream traceOut, OutputStream historyOut,
                                     Simulation.ProgressListener progress) throws IOException {
        JsonTraceWriter trace = new JsonTraceWriter(traceOut);
        HistoryJson.Writer historyFile = new HistoryJson.Writer(historyOut);
        HistoryRecorder recorder = new HistoryRecorder(trace, historyFile);
        Program program = scenario.nodes().program();
        List<NodeId> nodes = scenario.nodes().ids();
        long end = endMicros(scenario);

        // The simulation traces through the recorder, which keeps what checks of protocol events need.
        EventRecorder events = new EventRecorder(trace, Simulation.networkFields(scenario.network().defaultLink()));
        // Operations nodes perform on their own enter the history from the notes announcing them.
        events.listen(new NodeOperations(program.client(), recorder));
        if (scenario.checks().contains(io.mycel.scenario.check.CriticalAnswersCheck.NAME)) {
            events.keepClientMessages();
        }
        SimulationBuilder builder = Simulation.builder(seed, scenario.network().defaultLink()).trace(events).progress(progress);
        java.util.function.Function<NodeId, io.mycel.power.NodeEnergy> supplies =
                scenario.nodes().power() == null ? null : scenario.nodes().power().suppliesByNode(seed);
        Map<NodeId, io.mycel.power.NodeEnergy> energies = new java.util.TreeMap<>();
        for (NodeId id : nodes) {
            Scenario.Clock clock = scenario.nodes().clocks().getOrDefault(id, new Scenario.Clock(0, 0));
            builder.node(id, () -> program.newProcess(scenario.nodes().config()), program.codec(),
                    clock.offsetMicros(), clock.driftPpm());
            if (supplies != null) {
                io.mycel.power.NodeEnergy energy = supplies.apply(id);
                energies.put(id, energy);
                builder.energy(id, energy);
            }
        }
        // Invariants the scenario names are checked after every event; a run without them pays nothing.
        List<NamedInvariant> watched = program.invariants().stream().filter(n -> scenario.checks().contains(n.name())).toList();
        InvariantWatch watch = watched.isEmpty() ? null : new InvariantWatch(watched, nodes, events);
        if (watch != null) {
            builder.afterEachEvent(watch);
        }
        for (Scenario.Link link : scenario.network().links()) {
            builder.link(link.from(), link.to(), link.model());
        }
        if (scenario.network().secureLinks() != null) {
            builder.secureLinks(scenario.network().secureLinks());
        }
        List<String> clientNames = addWorkloadClients(builder, scenario, recorder);
        // Administrative faults (such as remove-voter) are carried out by a client of the lab's.
        boolean adminFaults = scenario.faults().steps().stream().anyMatch(step -> step.fault() instanceof Fault.Admin);
        AdminClient admin = adminFaults ? new AdminClient(program.client(), nodes) : null;
        if (admin != null) {
            builder.client(NodeId.of(ADMIN_CLIENT), () -> admin, program.codec());
        }
        for (ClientSpec reader : finalReaders(scenario, recorder)) {
            builder.client(reader.id(), reader.process(), program.codec());
        }

        trace.record(0, "run", "scenario", scenario.name(), "seed", seed, "program", program.name(),
                "nodes", nodes.stream().map(NodeId::name).toList(), "clients", clientNames,
                "duration", scenario.durationMicros(), "settle", scenario.settleMicros(),
                "positions", scenario.nodes().positionsByName());
        Simulation sim = builder.build();
        FaultPlan plan = drawPlan(scenario, seed);
        new SimulationFaults(sim, s -> leaderOf(s, program, nodes), (action, node) -> {
            if (admin == null) {
                throw new IllegalStateException("an admin fault " + action + " in a plan drawn at random");
            }
            admin.request(action, node);
        }).schedule(plan);
        if (dir != null) {
            // The run as a scenario of its own, drawn parameters and faults fixed: it replays this seed alone.
            Files.writeString(dir.resolve("scenario.yaml"), ScenarioWriter.toYaml(scenario, "The scenario " + scenario.source()
                    + " ran for seed " + seed + ", with what the seed drew fixed.", seed, plan), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("faults.yaml"), "# faults of " + scenario.name() + " seed " + seed
                    + " (fixed and drawn), in scenario form\nfaults:\n" + plan.toYaml().indent(2), StandardCharsets.UTF_8);
        }
        sim.at(scenario.durationMicros(), () -> mendEverything(sim, scenario));
        EnergyTelemetry.sampleEvery(sim, energies, end, events);

        String error = null;
        try {
            sim.runUntil(end);
        } catch (SimulationException e) {
            error = e.getMessage();
        }
        Map<NodeId, io.mycel.power.NodeEnergy.Activity> activity = EnergyTelemetry.record(energies, sim.now(), trace);
        trace.close();
        historyFile.close();
        RunRecord run = events.toRunRecord(new History(recorder.ops()), nodes, scenario.durationMicros(), end, activity);
        if (dir != null && !events.energySamples().isEmpty()) {
            Files.writeString(dir.resolve("power.svg"), PowerPlot.svg(events.energySamples(), run.events(), end), StandardCharsets.UTF_8);
        }
        if (dir != null && !activity.isEmpty()) {
            Files.writeString(dir.resolve("energy.csv"), EnergyTelemetry.csv(activity), StandardCharsets.UTF_8);
        }
        List<CheckResult> checks = new ArrayList<>();
        for (String name : scenario.checks()) {
            long boundMicros = scenario.checkBoundsMicros().getOrDefault(name, 0L);
            CheckCatalog.Entry entry = CheckCatalog.get(name);
            checks.add(error != null ? new CheckResult(name, Verdict.UNKNOWN, "not judged: the run broke", Map.of())
                    : entry == null ? watch.result(name)
                    : entry.judge().judge(run, boundMicros));
        }
        return new RunResult(scenario, seed, checks, sim.stats(), sim.now(), trace.sha256(), error, dir, recorder.performed());
    }

    /** The first node, in the scenario's order, whose process says it leads; null when none does. */
    private static NodeId leaderOf(Simulation sim, Program program, List<NodeId> nodes) {
        for (NodeId node : nodes) {
            Process process = sim.process(node);
            if (process != null && sim.status(node) == NodeStatus.UP && "leader".equals(program.role(process))) {
                return node;
            }
        }
        return null;
    }

    /** When a run of this scenario ends: after the final reads have had every attempt. */
    public static long endMicros(Scenario scenario) {
        return scenario.durationMicros() + scenario.settleMicros()
                + ClientProcess.FINAL_READ_ATTEMPTS * scenario.workload().timeoutMicros() + 1_000;
    }

    /** A client of the lab's: its name and a factory for its process. */
    public record ClientSpec(NodeId id, java.util.function.Supplier<Process> process) {
    }

    private static List<String> addWorkloadClients(SimulationBuilder builder, Scenario scenario, HistoryRecorder recorder) {
        List<String> names = new ArrayList<>();
        Program program = scenario.nodes().program();
        // A stream (TCP) between client and node loses, doubles and reorders nothing; it is only as slow as the link.
        io.mycel.sim.LinkModel stream = io.mycel.sim.LinkModel.reliable(scenario.network().defaultLink().latency());
        for (ClientSpec client : workloadClients(scenario, recorder)) {
            names.add(client.id().name());
            builder.client(client.id(), client.process(), program.codec());
            if (program.streamClients()) {
                for (NodeId node : scenario.nodes().ids()) {
                    builder.link(client.id(), node, stream);
                    builder.link(node, client.id(), stream);
                }
            }
        }
        return names;
    }

    /**
     * The scenario's workload clients, {@code @c1, @c2, ...}, each bound to one node in turn, as any
     * host runs them: the simulator, or the hardware-in-the-loop harness on real nodes.
     */
    public static List<ClientSpec> workloadClients(Scenario scenario, HistoryRecorder recorder) {
        Scenario.Workload workload = scenario.workload();
        Program program = scenario.nodes().program();
        List<NodeId> nodes = scenario.nodes().ids();
        List<String> operations = new ArrayList<>(workload.mix().keySet());
        double total = workload.mix().values().stream().mapToDouble(Double::doubleValue).sum();
        double[] cumulative = new double[operations.size()];
        double sum = 0;
        for (int i = 0; i < operations.size(); i++) {
            sum += workload.mix().get(operations.get(i)) / total;
            cumulative[i] = sum;
        }
        double meanGapMicros = workload.clients() * 1_000_000.0 / workload.ratePerSecond();
        List<ClientSpec> clients = new ArrayList<>();
        for (int i = 0; i < workload.clients() && !operations.isEmpty(); i++) {
            NodeId node = nodes.get(i % nodes.size());
            int client = i + 1;
            clients.add(new ClientSpec(NodeId.of(CLIENT_PREFIX + client), () -> ClientProcess.workload(recorder, program.client(),
                    node, operations, cumulative, meanGapMicros, workload.timeoutMicros(), scenario.durationMicros(), client,
                    workload.clients(), workload.onlyFor(client))));
        }
        return clients;
    }

    /**
     * One final reader per node, {@code @f1, @f2, ...}, reading at the end of the settle time; none
     * when the program has no read operation.
     */
    public static List<ClientSpec> finalReaders(Scenario scenario, HistoryRecorder recorder) {
        Program program = scenario.nodes().program();
        List<NodeId> nodes = scenario.nodes().ids();
        long readAt = scenario.durationMicros() + scenario.settleMicros();
        List<ClientSpec> readers = new ArrayList<>();
        for (int j = 0; program.client().readOperation() != null && j < nodes.size(); j++) {
            NodeId node = nodes.get(j);
            long process = FINAL_READER_PROCESS_BASE + j;
            readers.add(new ClientSpec(NodeId.of(FINAL_READER_PREFIX + (j + 1)), () -> ClientProcess.finalReader(recorder,
                    program.client(), node, readAt, scenario.workload().timeoutMicros(), process)));
        }
        return readers;
    }

    /** The fixed faults plus what each random nemesis draws from its own stream of the seed. */
    public static FaultPlan drawPlan(Scenario template, long seed) {
        Scenario scenario = template.forSeed(seed);
        FaultPlan plan = scenario.faults();
        SeededRandom root = new SeededRandom(seed);
        Map<NodeId, Long> baseOffsets = new java.util.TreeMap<>();
        scenario.nodes().clocks().forEach((id, clock) -> baseOffsets.put(id, clock.offsetMicros()));
        for (int k = 0; k < scenario.nemeses().size(); k++) {
            plan = plan.plus(scenario.nemeses().get(k).draw(root.fork("nemesis/" + k), scenario.nodes().ids(), baseOffsets));
        }
        return plan;
    }

    /** The start of the liveness phase: every fault mended, the network and clocks as the scenario set them. */
    private static void mendEverything(Simulation sim, Scenario scenario) {
        sim.trace().record(sim.now(), "phase", "phase", "liveness");
        sim.heal();
        if (!sim.defaultLink().equals(scenario.network().defaultLink())) {
            sim.setDefaultLink(scenario.network().defaultLink());
        }
        for (NodeId id : scenario.nodes().ids()) {
            sim.resume(id);
            sim.restart(id);
            Scenario.Clock clock = scenario.nodes().clocks().getOrDefault(id, new Scenario.Clock(0, 0));
            if (sim.clockDrift(id) != clock.driftPpm()) {
                sim.setClockDrift(id, clock.driftPpm());
            }
            if (sim.clockOffset(id) != clock.offsetMicros()) {
                sim.setClockOffset(id, clock.offsetMicros());
            }
        }
    }

    /** Writes {@code verdict.json}: the verdict, each check with its evidence, the counts and the replay command. */
    public static void writeVerdict(RunResult result, Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", result.scenario().name());
        json.put("file", result.scenario().source().toString());
        json.put("seed", result.seed());
        json.put("verdict", result.verdict().label());
        List<Object> checks = new ArrayList<>();
        for (CheckResult check : result.checks()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("check", check.check());
            c.put("verdict", check.verdict().label());
            c.put("summary", check.summary());
            c.put("evidence", check.evidence());
            checks.add(c);
        }
        json.put("checks", checks);
        if (result.error() != null) {
            json.put("error", result.error());
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("virtualMicros", result.virtualMicros());
        stats.put("events", result.stats().events());
        stats.put("sent", result.stats().sent());
        stats.put("delivered", result.stats().delivered());
        stats.put("duplicated", result.stats().duplicated());
        stats.put("bytesSent", result.stats().bytesSent());
        stats.put("dropped", result.stats().dropped());
        io.mycel.sim.HandshakeStats h = result.stats().handshakes();
        if (h.completed() + h.failed() > 0) {
            Map<String, Object> handshakes = new LinkedHashMap<>();
            handshakes.put("completed", h.completed());
            handshakes.put("resumed", h.resumed());
            handshakes.put("failed", h.failed());
            handshakes.put("bytes", h.bytes());
            handshakes.put("cpuMicros", h.cpuMicros());
            stats.put("handshakes", handshakes);
        }
        json.put("stats", stats);
        json.put("traceSha256", result.traceSha256());
        json.put("replay", result.replayCommand());
        JSON.writeValue(file.toFile(), json);
    }
}
