package io.mycel.faults;

import io.mycel.node.api.NodeId;
import java.util.ArrayList;
import java.util.List;

/**
 * A fault schedule cut into episodes, the units shrinking removes: a fault together with the step
 * that mends it (a crash and its restart, a pause and its resume, a partition or cut and the heal
 * that ends it, a skew, loss or latency change and the next one of its kind that undoes it).
 * Removing an episode whole never leaves a mend without its fault, nor a fault without its end.
 * A step that mends nothing it can be paired with is an episode of its own. Shrinking a failing
 * run removes and shortens episodes.
 */
public final class FaultEpisodes {

    /** One episode: the indices of its steps in the plan, the fault first. */
    public record Episode(List<Integer> steps) {
    }

    private FaultEpisodes() {
    }

    public static List<Episode> of(FaultPlan plan) {
        List<FaultPlan.Step> steps = plan.steps();
        boolean[] taken = new boolean[steps.size()];
        List<Episode> episodes = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (taken[i]) {
                continue;
            }
            taken[i] = true;
            List<Integer> members = new ArrayList<>(List.of(i));
            int mend = mendOf(steps, i, taken);
            if (mend >= 0) {
                taken[mend] = true;
                members.add(mend);
            }
            episodes.add(new Episode(members));
        }
        return episodes;
    }

    /** The plan with only these episodes' steps. */
    public static FaultPlan keep(FaultPlan plan, List<Episode> episodes) {
        List<FaultPlan.Step> kept = new ArrayList<>();
        for (Episode e : episodes) {
            for (int i : e.steps()) {
                kept.add(plan.steps().get(i));
            }
        }
        return new FaultPlan(kept);
    }

    /** The index of the step that mends step {@code i}, or -1. */
    private static int mendOf(List<FaultPlan.Step> steps, int i, boolean[] taken) {
        Fault f = steps.get(i).fault();
        for (int j = i + 1; j < steps.size(); j++) {
            if (taken[j]) {
                continue;
            }
            Fault g = steps.get(j).fault();
            boolean mends = mends(f, g);
            if (mends) {
                return j;
            }
            if (supersedes(f, g)) {
                return -1;   // a later fault of the same kind takes over before any mend
            }
        }
        return -1;
    }

    private static boolean mends(Fault f, Fault g) {
        if (f instanceof Fault.Crash c) {
            return g instanceof Fault.Restart r && r.node().equals(c.node());
        }
        if (f instanceof Fault.Pause p) {
            return g instanceof Fault.Resume r && r.node().equals(p.node());
        }
        if (f instanceof Fault.Partition || f instanceof Fault.Cut) {
            return g instanceof Fault.Heal;
        }
        if (f instanceof Fault.ClockSkew s) {
            return g instanceof Fault.ClockSkew t && t.node().equals(s.node());
        }
        if (f instanceof Fault.ClockDrift d) {
            return g instanceof Fault.ClockDrift e && e.node().equals(d.node());
        }
        return (f instanceof Fault.Loss && g instanceof Fault.Loss) || (f instanceof Fault.Latency && g instanceof Fault.Latency);
    }

    /** Whether {@code g} replaces what {@code f} set, so a mend after it belongs to {@code g}. */
    private static boolean supersedes(Fault f, Fault g) {
        return (f instanceof Fault.Partition || f instanceof Fault.Cut) && (g instanceof Fault.Partition || g instanceof Fault.Cut);
    }

    /** Whether any step of the plan names the node. */
    public static boolean names(FaultPlan plan, NodeId node) {
        return plan.toYaml().matches("(?s).*\\b" + java.util.regex.Pattern.quote(node.name()) + "\\b.*");
    }

    /**
     * The plan with one episode half as long: its mend moved halfway towards its fault, or a leader
     * fault's span halved. Null when the episode has no length to halve (or under a millisecond).
     */
    public static FaultPlan halve(FaultPlan plan, Episode episode) {
        List<FaultPlan.Step> steps = new ArrayList<>(plan.steps());
        FaultPlan.Step first = steps.get(episode.steps().get(0));
        if (episode.steps().size() == 2) {
            int mendAt = episode.steps().get(1);
            FaultPlan.Step mend = steps.get(mendAt);
            long span = mend.atMicros() - first.atMicros();
            if (span < 2_000) {
                return null;
            }
            steps.set(mendAt, new FaultPlan.Step(first.atMicros() + span / 2 / 1_000 * 1_000, mend.fault()));
            return new FaultPlan(steps);
        }
        if (first.fault() instanceof Fault.LeaderFault lf && lf.forMicros() >= 2_000) {
            steps.set(episode.steps().get(0), new FaultPlan.Step(first.atMicros(),
                    new Fault.LeaderFault(lf.kind(), lf.forMicros() / 2 / 1_000 * 1_000)));
            return new FaultPlan(steps);
        }
        return null;
    }
}
