package io.mycel.power;

import io.mycel.node.api.PowerView;
import io.mycel.sim.EnergySupply;
import java.util.function.IntToLongFunction;

/**
 * The power model of one simulated node: a battery fed by an optional harvester and drained by
 * what the node does. While on, the node draws its board's idle power and its radio's idle power
 * all the time, plus a burst for each handler (CPU time from the cost model at one busy core's
 * power, and the receive airtime of the frame it handles) and for each frame it sends (transmit
 * airtime). While off it draws the board's halted power, if the profile has one. The load and the
 * harvest are constant between the times this model names, so the battery integrates exactly.
 *
 * <p>Node code sees the state of charge, the harvest, and whether it is low: below
 * {@code lowSoc}, and again not low once back above it by {@value #LOW_HYSTERESIS} (so a node on the
 * edge does not flap). It also sees its radio's duty cycle and the airtime of a frame, to keep within
 * the one; the model measures, apart from what node code believes, the most airtime the node's frames
 * took within any hour ({@link Activity#worstHourTxMicros()}), which the lab's duty-cycle check judges.
 */
public final class NodeEnergy implements EnergySupply {

    static final double LOW_HYSTERESIS = 0.05;

    /**
     * CPU time a handler costs: a fixed part and a part per byte of the message it handles.
     */
    public record CostModel(long microsPerHandler, double microsPerByte) {
        public CostModel {
            if (microsPerHandler < 0 || !(microsPerByte >= 0)) {
                throw new IllegalArgumentException("handler costs are not negative");
            }
        }

        long micros(int bytes) {
            return microsPerHandler + (long) Math.ceil(Math.max(0, bytes) * microsPerByte);
        }
    }

    private final Battery battery;
    private final SolarHarvester harvester;
    private final DeviceProfile.Cpu cpu;
    private final DeviceProfile.Radio radio;
    private final IntToLongFunction airtime;
    private final CostModel cost;
    private final double lowSoc;
    private final double dutyCycle;
    private final View view = new View();
    private final AirtimeWindow txWindow = new AirtimeWindow(HOUR_MICROS);
    private long handlers;
    private long cpuMicros;
    private long framesSent;
    private long txAirMicros;
    private long rxAirMicros;
    /** Time on and asleep before the present spell, and when the present spell began. */
    private long onMicros;
    private long asleepMicros;
    private long onSince;
    private long asleepSince;
    private double load;
    /** What the radio's wake-ups cost, counted apart since no time figure derives it. */
    private double wakeJoules;
    private long last;
    /** The harvest of the slot holding {@code last}, and when that slot ends. */
    private double slotWatts;
    private long slotEnd = Long.MIN_VALUE;
    /** Stored energy at which the load browns out, for the load it was computed for. */
    private double cutoffJoules;
    private double cutoffLoad = Double.NaN;
    /** The airtime of the last frame size asked about: nodes send frames of few sizes. */
    private int airBytes = -1;
    private long airMicros;
    /** The CPU and receive bursts of the last message size handled, in joules, cached the same way. */
    private int cpuBytes = Integer.MIN_VALUE;
    private long cpuBurstMicros;
    private double cpuJoules;
    private long rxBurstMicros;
    private double rxJoules;
    private final double lowJoules;
    private boolean on;
    private boolean asleep;
    private boolean brownedOut;
    private boolean low;

    /**
     * @param harvester null for none
     * @param radio null when the board's figures already hold its radio (a Pi's Wi-Fi)
     * @param airtime microseconds on air for a frame of so many bytes (a bitrate, or LoRa's formula)
     * @param dutyCycle the share of any hour the radio may be on air (0.01 for LoRa in EU868), 1 for no limit
     */
    public NodeEnergy(Battery battery, SolarHarvester harvester, DeviceProfile.Cpu cpu, DeviceProfile.Radio radio,
                      IntToLongFunction airtime, CostModel cost, double lowSoc, double dutyCycle) {
        if (!(dutyCycle > 0 && dutyCycle <= 1)) {
            throw new IllegalArgumentException("a duty cycle in (0, 1], got " + dutyCycle);
        }
        this.dutyCycle = dutyCycle;
        if (cpu == null) {
            throw new IllegalArgumentException("a node needs a board with a CPU profile");
        }
        this.battery = battery;
        this.harvester = harvester;
        this.cpu = cpu;
        this.radio = radio;
        this.airtime = airtime;
        this.cost = cost;
        this.lowSoc = lowSoc;
        this.low = battery.soc() < lowSoc;
        this.lowJoules = lowSoc * battery.spec().capacityJoules();
        this.load = computeLoad();
    }

    public Battery battery() {
        return battery;
    }

    /** What the node draws now, between bursts: idle, asleep (radio off, CPU in light sleep) or halted. */
    public double loadWatts() {
        return load;
    }

    /** The draw for the present state; kept in {@link #load}, since every burst and integration step reads it. */
    private double computeLoad() {
        if (!on) {
            return Double.isNaN(cpu.haltedWatts()) ? 0 : cpu.haltedWatts();
        }
        if (asleep) {
            // A profile without a sleep figure sleeps at its idle draw: sleeping then saves nothing.
            double cpuSleep = Double.isNaN(cpu.sleepWatts()) ? cpu.idleWatts() : cpu.sleepWatts();
            double radioSleep = radio == null ? 0 : Double.isNaN(radio.sleepWatts()) ? radio.idleWatts() : radio.sleepWatts();
            return cpuSleep + radioSleep;
        }
        return cpu.idleWatts() + (radio == null ? 0 : radio.idleWatts());
    }

    public double harvestWatts() {
        if (harvester == null) {
            return 0;
        }
        if (last >= slotEnd) {
            slotWatts = harvester.watts(last);
            slotEnd = harvester.nextChange(last);
        }
        return slotWatts;
    }

    @Override
    public PowerView view() {
        return view;
    }

    @Override
    public void powered(long nowMicros, boolean powerOn) {
        bring(nowMicros);
        if (on) {
            onMicros += nowMicros - onSince;
        }
        if (asleep) {
            asleepMicros += nowMicros - asleepSince;
        }
        on = powerOn;
        asleep = false;
        onSince = nowMicros;
        load = computeLoad();
    }

    @Override
    public void asleep(long nowMicros, boolean sleeping) {
        bring(nowMicros);
        boolean waking = asleep && !sleeping;
        if (asleep) {
            asleepMicros += nowMicros - asleepSince;
        }
        asleep = sleeping;
        asleepSince = nowMicros;
        load = computeLoad();
        if (waking && radio != null && radio.wakeMicros() > 0 && radio.wakeWatts() > 0) {
            // Leaving sleep costs the radio its wake-up: so long at so much power, as one burst.
            double joules = radio.wakeWatts() * radio.wakeMicros() * 1e-6;
            wakeJoules += joules;
            battery.spend(joules);
        }
    }

    @Override
    public boolean handled(long nowMicros, int bytesIn) {
        bring(nowMicros);
        if (bytesIn != cpuBytes) {
            cpuBytes = bytesIn;
            cpuBurstMicros = cost.micros(bytesIn);
            cpuJoules = cpu.busyCoreWatts() * cpuBurstMicros * 1e-6;
            rxBurstMicros = bytesIn >= 0 && radio != null ? airtime(bytesIn) : 0;
            rxJoules = radio == null ? 0 : radio.rxWatts() * rxBurstMicros * 1e-6;
        }
        // Counted in time only: the joules follow from it at a constant power (see activity).
        handlers++;
        cpuMicros += cpuBurstMicros;
        rxAirMicros += rxBurstMicros;
        return burst(cpuJoules + rxJoules);
    }

    @Override
    public boolean linkWork(long nowMicros, long micros, int bytesIn) {
        bring(nowMicros);
        long rx = bytesIn > 0 && radio != null ? airtime(bytesIn) : 0;
        cpuMicros += micros;
        rxAirMicros += rx;
        return burst(cpu.busyCoreWatts() * micros * 1e-6 + (radio == null ? 0 : radio.rxWatts() * rx * 1e-6));
    }

    @Override
    public boolean sent(long nowMicros, int bytes) {
        bring(nowMicros);
        framesSent++;
        if (radio == null) {
            return false;
        }
        long air = airtime(bytes);
        txAirMicros += air;
        if (dutyCycle < 1) {
            txWindow.add(nowMicros, air);   // a radio with no duty cycle has no worst hour to judge
        }
        return burst(radio.txWatts() * air / 1e6);
    }

    /**
     * What a node did and spent over a run, by kind: the telemetry of the power issue.
     *
     * @param baseJoules what the board and idle radio drew between bursts (halted power while off)
     * @param worstHourTxMicros the most airtime of frames that started within any one hour (0 when the
     *                          radio has no duty cycle: it is not measured then)
     */
    public record Activity(long handlers, long cpuMicros, long framesSent, long txAirtimeMicros, long rxAirtimeMicros,
                           double cpuJoules, double rxJoules, double txJoules, double baseJoules, double harvestedJoules,
                           double storedJoules, long onMicros, long asleepMicros, long worstHourTxMicros, double dutyCycle) {

        /** The worst hour's share of time on air. */
        public double worstHourDuty() {
            return worstHourTxMicros / (double) HOUR_MICROS;
        }
    }

    /** A reading of the supply for telemetry: state of charge, harvest and load. */
    public record Sample(double soc, double harvestWatts, double loadWatts) {
    }

    /** The supply brought up to {@code nowMicros}, as telemetry reads it. */
    public Sample sample(long nowMicros) {
        bring(nowMicros);
        return new Sample(battery.soc(), harvestWatts(), loadWatts());
    }

    /** The node's activity and energy up to {@code nowMicros}. */
    public Activity activity(long nowMicros) {
        bring(nowMicros);
        double cpuSpent = cpu.busyCoreWatts() * cpuMicros * 1e-6;
        double rxSpent = radio == null ? 0 : radio.rxWatts() * rxAirMicros * 1e-6;
        double txSpent = radio == null ? 0 : radio.txWatts() * txAirMicros * 1e-6;
        double bursts = cpuSpent + rxSpent + txSpent + wakeJoules;
        return new Activity(handlers, cpuMicros, framesSent, txAirMicros, rxAirMicros, cpuSpent, rxSpent, txSpent,
                Math.max(0, battery.spentJoules() - bursts), battery.harvestedJoules(), battery.storedJoules(),
                onMicros + (on ? nowMicros - onSince : 0), asleepMicros + (asleep ? nowMicros - asleepSince : 0),
                txWindow.worst(), dutyCycle);
    }

    static final long HOUR_MICROS = 3_600_000_000L;

    private long airtime(int bytes) {
        if (bytes != airBytes) {
            airBytes = bytes;
            airMicros = airtime.applyAsLong(bytes);
        }
        return airMicros;
    }

    /** Spends a burst; true when the stored energy is now at the cut-off or past the low threshold. */
    private boolean burst(double joules) {
        battery.spend(joules);
        double stored = battery.storedJoules();
        return stored <= cutoffJoules() || (!low && stored < lowJoules);
    }

    /** The stored energy at which the present load browns out (cached while the load stays). */
    private double cutoffJoules() {
        double load = loadWatts();
        if (load != cutoffLoad) {
            cutoffLoad = load;
            BatterySpec spec = battery.spec();
            cutoffJoules = spec.socAt(spec.ocvForCutoff(load)) * spec.capacityJoules();
        }
        return cutoffJoules;
    }

    @Override
    public long nextCheck(long nowMicros) {
        bring(nowMicros);
        double load = loadWatts();
        double harvest = harvestWatts();
        long next = harvester == null ? Long.MAX_VALUE : harvester.nextChange(nowMicros);
        if (on) {
            next = Math.min(next, after(nowMicros, battery.microsUntilBrownOut(load, harvest)));
        } else if (brownedOut) {
            next = Math.min(next, after(nowMicros, battery.microsUntilRecovered(harvest)));
        }
        double net = battery.netWatts(load, harvest);
        double capacity = battery.spec().capacityJoules();
        if (!low && net < 0) {
            next = Math.min(next, after(nowMicros, Battery.microsUntil(battery.storedJoules() - lowJoules, -net)));
        } else if (low && net > 0) {
            next = Math.min(next, after(nowMicros, Battery.microsUntil((lowSoc + LOW_HYSTERESIS) * capacity - battery.storedJoules(), net)));
        }
        return next;
    }

    @Override
    public Verdict check(long nowMicros) {
        bring(nowMicros);
        if (on && battery.brownedOut(loadWatts())) {
            brownedOut = true;
            return Verdict.BROWN_OUT;
        }
        if (!on && brownedOut && battery.recovered()) {
            brownedOut = false;
            return Verdict.RECOVERED;
        }
        boolean nowLow = low ? battery.soc() < lowSoc + LOW_HYSTERESIS : battery.soc() < lowSoc;
        if (nowLow != low) {
            low = nowLow;
            return Verdict.MODE_CHANGED;
        }
        return Verdict.NONE;
    }

    /** Integrates from the last time to now at the load and harvest that held. */
    private void bring(long nowMicros) {
        if (nowMicros > last) {
            battery.advance(nowMicros - last, loadWatts(), harvestWatts());
            last = nowMicros;
        }
    }

    /** An absolute time {@code delay} after now, at least a microsecond ahead, or never. */
    private static long after(long now, long delay) {
        return delay == Long.MAX_VALUE ? Long.MAX_VALUE : now + Math.max(1, delay);
    }


    private final class View implements PowerView {
        @Override
        public double stateOfCharge() {
            return battery.soc();
        }

        @Override
        public boolean isLow() {
            return low;
        }

        @Override
        public double harvestWatts() {
            return NodeEnergy.this.harvestWatts();
        }

        @Override
        public double dutyCycle() {
            return dutyCycle;
        }

        @Override
        public long airtimeMicros(int bytes) {
            return dutyCycle >= 1 || radio == null ? 0 : airtime(bytes);
        }

        @Override
        public String toString() {
            return String.format("battery %.1f%%%s", 100 * battery.soc(), low ? " (low)" : "");
        }
    }
}
