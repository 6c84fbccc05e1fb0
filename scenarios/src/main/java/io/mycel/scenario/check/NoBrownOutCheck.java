package io.mycel.scenario.check;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import io.mycel.scenario.run.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code no-brown-out}: no node's battery ran so low that its voltage under load fell below the
 * cut-off, for the whole run. Meant for scenarios whose nodes run on batteries ({@code nodes.power}):
 * on mains power it passes trivially.
 */
public final class NoBrownOutCheck {

    public static final String NAME = "no-brown-out";

    private NoBrownOutCheck() {
    }

    public static CheckResult check(RunRecord run, long boundMicros) {
        List<String> cases = new ArrayList<>();
        int count = 0;
        for (RunRecord.Event e : run.events()) {
            if (e instanceof RunRecord.BrownOut b) {
                count++;
                Notes.addCase(cases, b.node().name() + " browned out at " + Notes.time(b.timeMicros()));
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("brownOuts", count);
        evidence.put("cases", cases);
        if (count > 0) {
            return new CheckResult(NAME, Verdict.FAIL, count + " brown-out" + (count == 1 ? "" : "s") + "; first: " + cases.get(0), evidence);
        }
        return new CheckResult(NAME, Verdict.PASS, "no node browned out", evidence);
    }
}
