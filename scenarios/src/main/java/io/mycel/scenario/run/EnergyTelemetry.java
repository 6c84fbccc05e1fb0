package io.mycel.scenario.run;

import io.mycel.node.api.NodeId;
import io.mycel.power.NodeEnergy;
import io.mycel.sim.TraceSink;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-node energy and activity at the end of a run on batteries: one {@code energy-activity} record
 * per node in the trace, and {@code energy.csv} in the run's output, so a user sees where each node's
 * energy went (CPU, receiving, sending, the board's base draw) beside what it harvested.
 */
final class EnergyTelemetry {

    private EnergyTelemetry() {
    }

    /** Samples of a run: about this many per node, whatever its length. */
    static final int SAMPLES = 400;

    /**
     * Samples every powered node's charge, harvest and load at a fixed period, as {@code energy}
     * records beside those the simulator writes when it checks a supply, so that the plot has a
     * line even for a node whose supply has nothing to report (no sun, no threshold near).
     */
    static void sampleEvery(io.mycel.sim.Simulation sim, Map<NodeId, NodeEnergy> energies, long endMicros, TraceSink trace) {
        if (energies.isEmpty()) {
            return;
        }
        long period = Math.max(1_000_000, endMicros / SAMPLES);
        Runnable sample = new Runnable() {
            @Override
            public void run() {
                long now = sim.now();
                energies.forEach((id, energy) -> {
                    NodeEnergy.Sample s = energy.sample(now);
                    trace.record(now, "energy", "node", id.name(), "soc", s.soc(), "harvest", s.harvestWatts(), "load", s.loadWatts());
                });
                if (now + period <= endMicros) {
                    sim.at(now + period, this);
                }
            }
        };
        sim.at(0, sample);
    }

    /** Reads each node's activity at {@code nowMicros} and puts it in the trace, in node order. */
    static Map<NodeId, NodeEnergy.Activity> record(Map<NodeId, NodeEnergy> energies, long nowMicros, TraceSink trace) {
        Map<NodeId, NodeEnergy.Activity> activity = new TreeMap<>();
        energies.forEach((id, energy) -> {
            NodeEnergy.Activity a = energy.activity(nowMicros);
            activity.put(id, a);
            if (trace.enabled()) {
                trace.record(nowMicros, "energy-activity", "node", id.name(), "handlers", a.handlers(), "cpu_us", a.cpuMicros(),
                        "frames_sent", a.framesSent(), "tx_airtime_us", a.txAirtimeMicros(), "rx_airtime_us", a.rxAirtimeMicros(),
                        "cpu_j", a.cpuJoules(), "rx_j", a.rxJoules(), "tx_j", a.txJoules(), "base_j", a.baseJoules(),
                        "harvested_j", a.harvestedJoules(), "stored_j", a.storedJoules(), "on_us", a.onMicros(), "asleep_us", a.asleepMicros(),
                        "worst_hour_tx_us", a.worstHourTxMicros(), "duty_cycle", a.dutyCycle());
            }
        });
        return activity;
    }

    static String csv(Map<NodeId, NodeEnergy.Activity> activity) {
        StringBuilder out = new StringBuilder("node,handlers,cpu_s,frames_sent,tx_airtime_s,rx_airtime_s,cpu_j,rx_j,tx_j,base_j,"
                + "harvested_j,stored_j,on_s,asleep_s,worst_hour_duty,duty_limit\n");
        activity.forEach((id, a) -> out.append(String.format(Locale.ROOT, "%s,%d,%.3f,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.1f,%.1f,%.5f,%.5f%n",
                id.name(), a.handlers(), a.cpuMicros() / 1e6, a.framesSent(), a.txAirtimeMicros() / 1e6, a.rxAirtimeMicros() / 1e6,
                a.cpuJoules(), a.rxJoules(), a.txJoules(), a.baseJoules(), a.harvestedJoules(), a.storedJoules(), a.onMicros() / 1e6, a.asleepMicros() / 1e6,
                a.worstHourDuty(), a.dutyCycle())));
        return out.toString();
    }
}
