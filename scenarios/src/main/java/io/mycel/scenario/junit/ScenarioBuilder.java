package io.mycel.scenario.junit;

import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioException;
import io.mycel.scenario.load.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario written in code. It builds the scenario file's own text, so everything the file
 * language offers (generators included) works here, the loader judges it with the same precise
 * messages, and the file it writes replays a failure from the command line.
 *
 * <pre>{@code
 * ScenarioBuilder.named("registry-under-crashes")
 *         .nodes(5, "raft-kv").duration("10s")
 *         .network("{latency: {dist: lognormal, median: 2ms, p99: 30ms}, loss: 0.01}")
 *         .fault("{at: 2s, crash-leader: 500ms}")
 *         .fault("random: {kinds: [crash, partition], every: 500ms..1s, lasting: 200ms..800ms, until: 9s}")
 *         .workload(6, "80/s", Map.of("register", 0.4, "whereis", 0.6))
 *         .check("linearizable-registry").check("names-released", "2s")
 * }</pre>
 */
public final class ScenarioBuilder {

    private final String name;
    private String seeds = "1..10";
    private String duration = "10s";
    private int nodes = 3;
    private String program;
    private final Map<String, String> config = new LinkedHashMap<>();
    private String network;
    private final List<String> faults = new ArrayList<>();
    private String workload;
    private final List<String> checks = new ArrayList<>();
    private final List<String> expectedFailures = new ArrayList<>();

    private ScenarioBuilder(String name) {
        this.name = name;
    }

    public static ScenarioBuilder named(String name) {
        return new ScenarioBuilder(name);
    }

    public ScenarioBuilder seeds(long first, long last) {
        this.seeds = first + ".." + last;
        return this;
    }

    public ScenarioBuilder duration(String text) {
        this.duration = text;
        return this;
    }

    public ScenarioBuilder nodes(int count, String programName) {
        this.nodes = count;
        this.program = programName;
        return this;
    }

    /** One program option, such as {@code bug: vote-without-log-check}; a value may be a generator. */
    public ScenarioBuilder config(String option, String value) {
        config.put(option, value);
        return this;
    }

    /** The {@code network} mapping, in the file's flow form: {@code {latency: 2ms, loss: 0.01}}. */
    public ScenarioBuilder network(String flowMapping) {
        this.network = flowMapping;
        return this;
    }

    /** One item of {@code faults}: {@code {at: 2s, crash: n1}} or {@code random: {...}}. */
    public ScenarioBuilder fault(String item) {
        faults.add(item);
        return this;
    }

    public ScenarioBuilder workload(int clients, String rate, Map<String, Double> mix) {
        List<String> ops = new ArrayList<>();
        new java.util.TreeMap<>(mix).forEach((op, weight) -> ops.add(op + ": " + weight));
        this.workload = "{clients: " + clients + ", rate: " + rate + ", mix: {" + String.join(", ", ops) + "}}";
        return this;
    }

    public ScenarioBuilder check(String checkName) {
        checks.add(checkName);
        return this;
    }

    /** A check with its argument, such as {@code names-released: 2s}. */
    public ScenarioBuilder check(String checkName, String argument) {
        checks.add("{" + checkName + ": " + argument + "}");
        return this;
    }

    /** Checks a planted bug must make fail. */
    public ScenarioBuilder expectFailure(String checkName) {
        expectedFailures.add(checkName);
        return this;
    }

    /** The scenario file's text. */
    public String toYaml() {
        StringBuilder out = new StringBuilder("name: ").append(name).append("\nseeds: ").append(seeds)
                .append("\nduration: ").append(duration).append("\nnodes: {count: ").append(nodes)
                .append(", program: ").append(program);
        if (!config.isEmpty()) {
            List<String> options = new ArrayList<>();
            config.forEach((k, v) -> options.add(k + ": " + v));
            out.append(", config: {").append(String.join(", ", options)).append('}');
        }
        out.append("}\n");
        if (network != null) {
            out.append("network: ").append(network).append('\n');
        }
        if (!faults.isEmpty()) {
            out.append("faults:\n");
            faults.forEach(f -> out.append("  - ").append(f).append('\n'));
        }
        if (workload != null) {
            out.append("workload: ").append(workload).append('\n');
        }
        out.append("checks: [").append(String.join(", ", checks)).append("]\n");
        if (!expectedFailures.isEmpty()) {
            out.append("expect: {fail: [").append(String.join(", ", expectedFailures)).append("]}\n");
        }
        return out.toString();
    }

    /**
     * Writes the file as {@code dir/<name>.yaml} and loads it.
     *
     * @throws IllegalArgumentException with the loader's messages when the scenario has mistakes
     */
    public Scenario load(Path dir) {
        Path file = dir.resolve(name + ".yaml");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, toYaml(), StandardCharsets.UTF_8);
            return ScenarioLoader.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the built scenario to " + file, e);
        } catch (ScenarioException e) {
            throw new IllegalArgumentException("the built scenario " + file + " has mistakes:\n" + String.join("\n", e.problems()), e);
        }
    }
}
