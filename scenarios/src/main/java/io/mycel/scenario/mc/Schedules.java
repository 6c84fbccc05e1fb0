package io.mycel.scenario.mc;

import io.mycel.mc.system.Envelope;
import io.mycel.mc.system.McSystem;
import io.mycel.mc.system.Step;
import io.mycel.node.api.NodeId;
import io.mycel.scenario.ModelCheck.ScheduledStep;
import java.util.ArrayList;
import java.util.List;

/**
 * Steps as a scenario file writes them and back. A message is named by sender, addressee and type,
 * and by its rank among the messages in flight that match (oldest first), so a schedule reads
 * plainly and still picks out exactly one message.
 */
final class Schedules {

    private Schedules() {
    }

    /** How {@code state} would write {@code step}, taken next. */
    static ScheduledStep describe(McSystem state, Step step) {
        if (step instanceof Step.Deliver d) {
            return message("deliver", state, d.seq());
        } else if (step instanceof Step.Drop d) {
            return message("drop", state, d.seq());
        } else if (step instanceof Step.Duplicate d) {
            return message("duplicate", state, d.seq());
        } else if (step instanceof Step.Fire f) {
            return new ScheduledStep("fire", null, null, null, 0, state.actorId(f.actor()), state.timerName(f), null);
        } else if (step instanceof Step.Crash c) {
            return new ScheduledStep("crash", null, null, null, 0, state.actorId(c.actor()), null, null);
        }
        return new ScheduledStep("restart", null, null, null, 0, state.actorId(((Step.Restart) step).actor()), null, null);
    }

    private static ScheduledStep message(String kind, McSystem state, long seq) {
        Envelope target = state.envelope(seq);
        int nth = 0;
        for (Envelope e : state.inFlight()) {
            if (e.seq() == seq) {
                break;
            }
            if (matches(e, target.from(), target.to(), target.message().typeName())) {
                nth++;
            }
        }
        return new ScheduledStep(kind, target.from(), target.to(), target.message().typeName(), nth, null, null, null);
    }

    private static boolean matches(Envelope e, NodeId from, NodeId to, String type) {
        return e.from().equals(from) && e.to().equals(to) && e.message().typeName().equals(type);
    }

    /**
     * The step {@code s} names in {@code state}.
     *
     * @throws IllegalArgumentException saying where the schedule went wrong and what was possible
     */
    static Step resolve(McSystem state, ScheduledStep s) {
        List<Step> enabled = state.enabledSteps();
        Step wanted = null;
        switch (s.kind()) {
            case "deliver", "drop", "duplicate" -> {
                int rank = 0;
                for (Envelope e : state.inFlight()) {
                    if (matches(e, s.from(), s.to(), s.message()) && rank++ == s.nth()) {
                        wanted = s.kind().equals("deliver") ? new Step.Deliver(e.seq())
                                : s.kind().equals("drop") ? new Step.Drop(e.seq()) : new Step.Duplicate(e.seq());
                        break;
                    }
                }
            }
            case "fire" -> {
                for (Step step : enabled) {
                    if (step instanceof Step.Fire f && state.actorId(f.actor()).equals(s.node())
                            && state.timerName(f).equals(s.timer())) {
                        wanted = f;
                    }
                }
            }
            case "crash" -> wanted = new Step.Crash(state.actorIndex(s.node()));
            default -> wanted = new Step.Restart(state.actorIndex(s.node()));
        }
        if (wanted == null || !enabled.contains(wanted)) {
            List<String> possible = new ArrayList<>();
            for (Step step : enabled) {
                possible.add(text(describe(state, step)));
            }
            throw new IllegalArgumentException(s.where() + ": schedule step " + text(s) + " cannot be taken here; "
                    + "possible steps: " + String.join("; ", possible));
        }
        return wanted;
    }

    /** One step as the file writes it, on one line. */
    static String text(ScheduledStep s) {
        return io.mycel.scenario.load.ScenarioWriter.scheduleStep(s);
    }
}
