package io.mycel.scenario.load;

import io.mycel.scenario.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/** Loads a scenario file whose parameters are left to the seed ({@link Generators}). */
final class DrawnScenarios {

    private DrawnScenarios() {
    }

    /**
     * A file with generated parameters: every value a seed could draw is checked now, by drawing
     * each range at both ends and each choice's every option, so no seed meets a mistake later.
     * The scenario returned is the draw for the file's first seed.
     */
    static Scenario load(Path file, Node root, Problems problems) throws ScenarioException {
        List<Generators.Mode> checks = new ArrayList<>(List.of(new Generators.Mode(0, Generators.Mode.Kind.LOW, 0),
                new Generators.Mode(0, Generators.Mode.Kind.HIGH, 0)));
        for (int i = 0; i < Generators.widestChoice(root); i++) {
            checks.add(new Generators.Mode(0, Generators.Mode.Kind.OPTION, i));
        }
        Set<String> messages = new LinkedHashSet<>();
        for (Generators.Mode mode : checks) {
            Problems p = new Problems(file.toString());
            Generators.Drawn drawn = Generators.draw(root, mode, p);
            if (p.isEmpty()) {
                new ScenarioLoader.Reading(file, p).read(drawn.root());
            }
            messages.addAll(p.messages());
        }
        if (!messages.isEmpty()) {
            throw new ScenarioException(List.copyOf(messages));
        }
        Scenario.Draws draws = new Scenario.Draws() {
            @Override
            public Scenario draw(long seed) {
                Problems p = new Problems(file.toString());
                Scenario drawn = new ScenarioLoader.Reading(file, p).read(Generators.draw(root, Generators.Mode.random(seed), p).root());
                if (!p.isEmpty()) {
                    // Every range end and option was checked at load; a value between them that fails is a loader bug.
                    throw new IllegalStateException("seed " + seed + " drew a scenario that does not load: " + p.messages());
                }
                return drawn;
            }

            @Override
            public List<String> values(long seed) {
                return Generators.draw(root, Generators.Mode.random(seed), new Problems(file.toString())).values();
            }
        };
        Scenario first = draws.draw(new ScenarioLoader.Reading(file, problems).seedsOf(root)[0]);
        return new Scenario(first.source(), first.name(), first.description(), first.firstSeed(), first.lastSeed(),
                first.durationMicros(), first.settleMicros(), first.nodes(), first.network(), first.faults(), first.nemeses(),
                first.workload(), first.checks(), first.checkBoundsMicros(), first.expectedFailures(), draws,
                first.modelCheck());
    }
}
