package io.mycel.scenario.check;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import io.mycel.node.api.NodeId;
import io.mycel.power.NodeEnergy;
import io.mycel.scenario.run.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code lora-duty-cycle}: no node's radio was on air more than its duty cycle allows within any
 * hour (1 % for LoRa in EU868), as the power model measured it from the frames the node really sent,
 * whatever node code believed. Needs {@code nodes.power}; on mains power there is nothing to judge.
 */
public final class DutyCycleCheck {

    public static final String NAME = "lora-duty-cycle";

    private DutyCycleCheck() {
    }

    public static CheckResult check(RunRecord run, long boundMicros) {
        Map<NodeId, NodeEnergy.Activity> energy = run.energy();
        if (energy.isEmpty()) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "no node runs on a battery (nodes.power): no radio to judge", Map.of());
        }
        List<String> cases = new ArrayList<>();
        int over = 0;
        double worst = 0;
        NodeId worstNode = null;
        Map<String, Object> perNode = new LinkedHashMap<>();
        for (Map.Entry<NodeId, NodeEnergy.Activity> e : energy.entrySet()) {
            NodeEnergy.Activity a = e.getValue();
            perNode.put(e.getKey().name(), round(a.worstHourDuty()));
            if (worstNode == null || a.worstHourDuty() > worst) {
                worst = a.worstHourDuty();
                worstNode = e.getKey();
            }
            long allowed = (long) Math.floor(a.dutyCycle() * 3_600_000_000L);
            if (a.dutyCycle() < 1 && a.worstHourTxMicros() > allowed) {
                over++;
                Notes.addCase(cases, String.format(Locale.ROOT, "%s was on air %.1f s in one hour, over the %.1f s its %.1f %% duty cycle allows",
                        e.getKey().name(), a.worstHourTxMicros() / 1e6, allowed / 1e6, 100 * a.dutyCycle()));
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("over", over);
        evidence.put("worstHourDuty", perNode);
        evidence.put("cases", cases);
        if (over > 0) {
            return new CheckResult(NAME, Verdict.FAIL, over + " of " + energy.size() + " nodes over their duty cycle; first: " + cases.get(0),
                    evidence);
        }
        return new CheckResult(NAME, Verdict.PASS, String.format(Locale.ROOT, "every node within its duty cycle; the busiest hour: %s at %.3f %%",
                worstNode.name(), 100 * worst), evidence);
    }

    private static double round(double share) {
        return Math.round(share * 1e6) / 1e6;
    }
}
