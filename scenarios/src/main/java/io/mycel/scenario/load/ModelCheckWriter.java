package io.mycel.scenario.load;

import io.mycel.mc.explore.Strategy;
import io.mycel.mc.state.VisitedStates;
import io.mycel.mc.system.ClientSpec;
import io.mycel.scenario.ModelCheck;
import java.util.Locale;

/** Writes a {@code model-check} section as {@link ModelCheckReader} reads it. */
final class ModelCheckWriter {

    private ModelCheckWriter() {
    }

    static String toYaml(ModelCheck mc) {
        StringBuilder out = new StringBuilder("model-check:\n");
        if (mc.strategy() != Strategy.BFS) {
            out.append("  strategy: ").append(mc.strategy().name().toLowerCase(Locale.ROOT)).append('\n');
        }
        out.append("  max-depth: ").append(mc.maxDepth()).append('\n');
        out.append("  max-states: ").append(mc.maxStates()).append('\n');
        out.append("  max-time: ").append(Math.round(mc.maxSeconds())).append("s\n");
        if (mc.storage() != VisitedStates.Kind.HASH) {
            out.append("  storage: full\n");
        }
        if (mc.reduction() != ModelCheck.Reduction.NONE) {
            out.append("  reduction: ").append(mc.reduction().label()).append('\n');
        }
        if (!mc.clients().isEmpty()) {
            out.append("  clients:\n");
            for (ClientSpec c : mc.clients()) {
                out.append("    - {node: ").append(c.server().name()).append(", ops: [")
                        .append(String.join(", ", c.operations())).append("]}\n");
            }
        }
        if (mc.faults().crashes() + mc.faults().drops() + mc.faults().duplicates() > 0) {
            out.append("  faults: {crashes: ").append(mc.faults().crashes()).append(", drops: ").append(mc.faults().drops())
                    .append(", duplicates: ").append(mc.faults().duplicates()).append("}\n");
        }
        if (!mc.goals().isEmpty()) {
            out.append("  goals:\n");
            for (ModelCheck.GoalSpec g : mc.goals()) {
                out.append(g.role() == null ? "    - all-answered\n" : "    - {role: " + g.role()
                        + (g.node() == null ? "" : ", node: " + g.node().name()) + "}\n");
            }
        }
        steps(out, "prefix", mc.prefix());
        steps(out, "schedule", mc.schedule());
        return out.toString();
    }

    private static void steps(StringBuilder out, String key, java.util.List<ModelCheck.ScheduledStep> steps) {
        if (!steps.isEmpty()) {
            out.append("  ").append(key).append(":\n");
            for (ModelCheck.ScheduledStep s : steps) {
                out.append("    - ").append(stepText(s)).append('\n');
            }
        }
    }

    /** One scheduled step on one line, in flow style. */
    static String stepText(ModelCheck.ScheduledStep s) {
        return switch (s.kind()) {
            case "deliver", "drop", "duplicate" -> "{" + s.kind() + ": {from: " + name(s.from().name()) + ", to: "
                    + name(s.to().name()) + ", msg: " + s.message() + (s.nth() > 0 ? ", nth: " + s.nth() : "") + "}}";
            case "fire" -> "{fire: {node: " + name(s.node().name()) + ", timer: " + s.timer() + "}}";
            default -> "{" + s.kind() + ": " + name(s.node().name()) + "}";
        };
    }

    /** Client names start with '@', which YAML reserves: they are quoted. */
    private static String name(String n) {
        return n.startsWith("@") ? "'" + n + "'" : n;
    }
}
