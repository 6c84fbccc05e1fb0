package io.mycel.power;

/**
 * A battery's state, integrated exactly over virtual time. Between two events of a run the load
 * and the harvest are constant, so the stored energy changes linearly and every crossing (empty,
 * full, brown-out, recovery) has a closed-form time; nothing is sampled.
 *
 * <p>When the harvest exceeds the load, the surplus is stored at the charge efficiency (the rest is
 * lost in the charger) and whatever would overfill the battery is clipped. When the load exceeds
 * the harvest, the deficit comes out of the battery. A node browns out when the voltage under its
 * load, {@code OCV - R * P / OCV}, falls below the cut-off, and starts again only once the
 * open-circuit voltage has recovered to {@link BatterySpec#recoverVolts()}.
 *
 * <p>Every joule is accounted for: harvested = stored (net change) + spent by the load + lost in
 * charging + clipped when full.
 */
public final class Battery {

    private final BatterySpec spec;
    private final double capacity;
    /** Copied out of the spec: the hot path then touches this object only. */
    private final double chargeEfficiency;
    private double stored;
    private double harvested;
    private double spent;
    private double chargeLosses;
    private double clipped;

    public Battery(BatterySpec spec, double initialSoc) {
        if (!(initialSoc >= 0 && initialSoc <= 1)) {
            throw new IllegalArgumentException("a state of charge in [0, 1], got " + initialSoc);
        }
        this.spec = spec;
        this.capacity = spec.capacityJoules();
        this.chargeEfficiency = spec.chargeEfficiency();
        this.stored = initialSoc * capacity;
    }

    public BatterySpec spec() {
        return spec;
    }

    public double soc() {
        return stored / capacity;
    }

    public double storedJoules() {
        return stored;
    }

    public double ocvVolts() {
        return spec.ocv(soc());
    }

    /** The terminal voltage while {@code watts} are drawn. */
    public double loadedVolts(double watts) {
        double ocv = ocvVolts();
        return ocv - spec.internalOhms() * watts / ocv;
    }

    /** Whether a load of {@code watts} is below the cut-off right now. */
    public boolean brownedOut(double watts) {
        return stored <= 0 || loadedVolts(watts) < spec.cutoffVolts();
    }

    /** Whether a browned-out node may start again: the voltage at rest has recovered. */
    public boolean recovered() {
        return ocvVolts() >= spec.recoverVolts();
    }

    /** Watts flowing into storage under this load and harvest (negative when draining). */
    public double netWatts(double loadWatts, double harvestWatts) {
        double surplus = harvestWatts - loadWatts;
        return surplus > 0 ? surplus * chargeEfficiency : surplus;
    }

    /**
     * How long, in microseconds (rounded up), until a constant load and harvest brown the node out:
     * 0 when it already is, {@code Long.MAX_VALUE} when it never will at these rates.
     */
    public long microsUntilBrownOut(double loadWatts, double harvestWatts) {
        if (brownedOut(loadWatts)) {
            return 0;
        }
        double net = netWatts(loadWatts, harvestWatts);
        if (net >= 0) {
            return Long.MAX_VALUE;
        }
        double threshold = Math.max(0, spec.socAt(spec.ocvForCutoff(loadWatts)) * capacity);
        return microsUntil(stored - threshold, -net);
    }

    /** How long until an idle (browned-out) node's battery recovers under this harvest; MAX_VALUE when never. */
    public long microsUntilRecovered(double harvestWatts) {
        if (recovered()) {
            return 0;
        }
        double net = netWatts(0, harvestWatts);
        if (net <= 0) {
            return Long.MAX_VALUE;
        }
        double target = spec.socAt(spec.recoverVolts()) * capacity;
        return microsUntil(target - stored, net);
    }

    /** Advances {@code micros} at a constant load and harvest. */
    public void advance(long micros, double loadWatts, double harvestWatts) {
        if (micros < 0 || loadWatts < 0 || harvestWatts < 0) {
            throw new IllegalArgumentException("time, load and harvest are not negative");
        }
        double seconds = micros * 1e-6;
        harvested += harvestWatts * seconds;
        double surplus = harvestWatts - loadWatts;
        if (surplus >= 0) {
            spent += loadWatts * seconds;
            double offered = surplus * seconds;
            double kept = offered * chargeEfficiency;
            chargeLosses += offered - kept;
            double room = capacity - stored;
            if (kept > room) {
                clipped += kept - room;
                kept = room;
            }
            stored += kept;
        } else {
            double drawn = Math.min(stored, -surplus * seconds);
            // What the load could not get from an empty battery was never delivered: it is not spent.
            spent += harvestWatts * seconds + drawn;
            stored -= drawn;
        }
    }

    /**
     * Draws a burst of energy at an instant (a handler's CPU time, a frame's airtime): what an
     * event-driven run sees as work with no duration. Returns what the battery could give.
     */
    public double spend(double joules) {
        if (joules < 0) {
            throw new IllegalArgumentException("a burst is not negative: " + joules);
        }
        double drawn = Math.min(stored, joules);
        stored -= drawn;
        spent += drawn;
        return drawn;
    }

    public double harvestedJoules() {
        return harvested;
    }

    public double spentJoules() {
        return spent;
    }

    public double chargeLossJoules() {
        return chargeLosses;
    }

    public double clippedJoules() {
        return clipped;
    }

    /** Microseconds, rounded up, for {@code joules} at {@code watts}: 0 when none are left to go. */
    static long microsUntil(double joules, double watts) {
        if (joules <= 0) {
            return 0;
        }
        double micros = Math.ceil(joules / watts * 1e6);
        return micros >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) micros;
    }
}
