package io.mycel.faults;

import io.mycel.node.api.NodeId;
import io.mycel.node.api.RandomSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws a fault plan from a seed within the ranges a scenario gives: starting at {@code from},
 * every {@code every} (drawn anew each time) one fault of a kind drawn from {@code kinds} begins,
 * lasting {@code lasting}; its mending step (restart, resume, heal, clock back, loss back) comes at
 * its end, but never after {@code until}, so the system is whole again by then. Loss is mended to
 * the scenario's base loss, which also ends any fixed loss fault still in force.
 *
 * <p>Faults may overlap when {@code every} is shorter than {@code lasting}; a heal then ends every
 * partition and cut at once, and crashing a node that is already down does nothing.
 */
public record RandomNemesis(Set<Kind> kinds, long everyMinMicros, long everyMaxMicros, long lastingMinMicros,
                            long lastingMaxMicros, long fromMicros, long untilMicros, long maxSkewMicros,
                            double lossMin, double lossMax, double baseLoss) {

    public enum Kind {
        CRASH, PAUSE, PARTITION, CUT, SKEW, LOSS;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public RandomNemesis {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("a random nemesis needs at least one fault kind");
        }
        kinds = Set.copyOf(EnumSet.copyOf(kinds));
        if (everyMinMicros <= 0 || everyMaxMicros < everyMinMicros) {
            throw new IllegalArgumentException("every must be a positive range, min <= max");
        }
        if (lastingMinMicros < 0 || lastingMaxMicros < lastingMinMicros) {
            throw new IllegalArgumentException("lasting must be a range with 0 <= min <= max");
        }
        if (untilMicros < fromMicros) {
            throw new IllegalArgumentException("until comes before from");
        }
    }

    /** Draws the plan for nodes whose clocks have no offset of their own. */
    public FaultPlan draw(RandomSource random, List<NodeId> nodes) {
        return draw(random, nodes, Map.of());
    }

    /**
     * Draws the plan for these server nodes; the same random stream gives the same plan. A skew
     * moves a node's clock away from its own offset in {@code baseOffsetMicros} (0 if absent), and
     * its mending step puts it back there.
     */
    public FaultPlan draw(RandomSource random, List<NodeId> nodes, Map<NodeId, Long> baseOffsetMicros) {
        // Kinds in their declared order, so the draw does not depend on set iteration order.
        List<Kind> ordered = new ArrayList<>(EnumSet.copyOf(kinds));
        if (nodes.size() < 2) {
            ordered.remove(Kind.PARTITION);
            ordered.remove(Kind.CUT);
        }
        List<FaultPlan.Step> steps = new ArrayList<>();
        if (ordered.isEmpty()) {
            return FaultPlan.empty();
        }
        long t = fromMicros + drawMicros(random, everyMinMicros, everyMaxMicros);
        while (t < untilMicros) {
            long end = Math.min(untilMicros, t + drawMicros(random, lastingMinMicros, lastingMaxMicros));
            Kind kind = ordered.get(random.nextInt(ordered.size()));
            NodeId node = nodes.get(random.nextInt(nodes.size()));
            switch (kind) {
                case CRASH -> {
                    steps.add(new FaultPlan.Step(t, new Fault.Crash(node)));
                    steps.add(new FaultPlan.Step(end, new Fault.Restart(node)));
                }
                case PAUSE -> {
                    steps.add(new FaultPlan.Step(t, new Fault.Pause(node)));
                    steps.add(new FaultPlan.Step(end, new Fault.Resume(node)));
                }
                case PARTITION -> {
                    List<List<NodeId>> halves = split(random, nodes);
                    steps.add(new FaultPlan.Step(t, new Fault.Partition(halves)));
                    steps.add(new FaultPlan.Step(end, new Fault.Heal()));
                }
                case CUT -> {
                    List<List<NodeId>> halves = split(random, nodes);
                    steps.add(new FaultPlan.Step(t, new Fault.Cut(halves.get(0), halves.get(1))));
                    steps.add(new FaultPlan.Step(end, new Fault.Heal()));
                }
                case SKEW -> {
                    long base = baseOffsetMicros.getOrDefault(node, 0L);
                    long offset = base + drawMicros(random, -maxSkewMicros, maxSkewMicros);
                    steps.add(new FaultPlan.Step(t, new Fault.ClockSkew(node, offset)));
                    steps.add(new FaultPlan.Step(end, new Fault.ClockSkew(node, base)));
                }
                case LOSS -> {
                    double loss = lossMin + (lossMax - lossMin) * random.nextDouble();
                    steps.add(new FaultPlan.Step(t, new Fault.Loss(loss)));
                    steps.add(new FaultPlan.Step(end, new Fault.Loss(baseLoss)));
                }
            }
            t += drawMicros(random, everyMinMicros, everyMaxMicros);
        }
        return new FaultPlan(steps);
    }

    /**
     * A time in [min, max], in whole milliseconds when both ends are whole milliseconds: drawn plans
     * are read by people (faults.yaml), and {@code 8.329s} reads better than {@code 8328769us}.
     */
    private static long drawMicros(RandomSource random, long min, long max) {
        if (min % 1_000 == 0 && max % 1_000 == 0) {
            return random.nextLong(min / 1_000, max / 1_000) * 1_000;
        }
        return random.nextLong(min, max);
    }

    /** Two non-empty groups: a random shuffle cut at a random point. */
    private static List<List<NodeId>> split(RandomSource random, List<NodeId> nodes) {
        List<NodeId> shuffled = new ArrayList<>(nodes);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            NodeId tmp = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, tmp);
        }
        int cut = 1 + random.nextInt(shuffled.size() - 1);
        List<NodeId> first = new ArrayList<>(shuffled.subList(0, cut));
        List<NodeId> second = new ArrayList<>(shuffled.subList(cut, shuffled.size()));
        first.sort(null);
        second.sort(null);
        return List.of(first, second);
    }
}
