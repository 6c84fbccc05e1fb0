package io.mycel.faults;

import io.mycel.node.api.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Faults at times: a fixed schedule, a drawn one, or both merged. Steps are kept sorted by time (stable). */
public record FaultPlan(List<Step> steps) {

    public record Step(long atMicros, Fault fault) {
        public Step {
            if (atMicros < 0) {
                throw new IllegalArgumentException("a fault cannot happen before time 0: " + atMicros + "us");
            }
        }

        /** One line of a scenario's {@code faults} list. */
        public String toYaml() {
            return "- {at: " + Durations.format(atMicros) + ", " + fault.toYaml() + "}";
        }
    }

    public FaultPlan {
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingLong(Step::atMicros));
        steps = List.copyOf(sorted);
    }

    public static FaultPlan empty() {
        return new FaultPlan(List.of());
    }

    public FaultPlan plus(FaultPlan other) {
        List<Step> all = new ArrayList<>(steps);
        all.addAll(other.steps);
        return new FaultPlan(all);
    }

    /** The plan as scenario-file lines, one fault a line. */
    public String toYaml() {
        StringBuilder out = new StringBuilder();
        for (Step step : steps) {
            out.append(step.toYaml()).append('\n');
        }
        return out.toString();
    }
}
