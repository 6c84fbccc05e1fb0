package io.mycel.power;

import java.util.Arrays;

/**
 * What a battery is: its capacity, its open-circuit voltage by state of charge (a table, read by
 * linear interpolation), its internal resistance, the voltage under load below which the node it
 * feeds browns out, the open-circuit voltage it must recover to before that node starts again, and
 * the share of the energy offered by a charger that it stores.
 *
 * @param ocvSoc states of charge from 0 to 1, ascending; {@code ocvVolts} the voltage at each, ascending too
 */
public record BatterySpec(String name, double capacityAh, double nominalVolts, double[] ocvSoc, double[] ocvVolts,
                          double internalOhms, double cutoffVolts, double recoverVolts, double chargeEfficiency) {

    public BatterySpec {
        if (!(capacityAh > 0) || !(nominalVolts > 0) || !(internalOhms >= 0) || !(chargeEfficiency > 0 && chargeEfficiency <= 1)) {
            throw new IllegalArgumentException(name + ": capacity and voltage above 0, resistance not below 0, efficiency in (0, 1]");
        }
        if (ocvSoc.length < 2 || ocvSoc.length != ocvVolts.length || ocvSoc[0] != 0 || ocvSoc[ocvSoc.length - 1] != 1) {
            throw new IllegalArgumentException(name + ": an OCV table from SoC 0 to 1 with a voltage for each point");
        }
        for (int i = 1; i < ocvSoc.length; i++) {
            if (!(ocvSoc[i] > ocvSoc[i - 1]) || !(ocvVolts[i] > ocvVolts[i - 1])) {
                throw new IllegalArgumentException(name + ": the OCV table rises strictly with the state of charge");
            }
        }
        if (!(recoverVolts > cutoffVolts)) {
            throw new IllegalArgumentException(name + ": recover-volts above cutoff-volts, or a node would flap at the cut-off");
        }
        ocvSoc = ocvSoc.clone();
        ocvVolts = ocvVolts.clone();
    }

    /** Energy when full, in joules: capacity at the nominal voltage. */
    public double capacityJoules() {
        return capacityAh * 3600 * nominalVolts;
    }

    /** Open-circuit voltage at a state of charge in [0, 1]. */
    public double ocv(double soc) {
        double s = Math.max(0, Math.min(1, soc));
        int i = segment(ocvSoc, s);
        double f = (s - ocvSoc[i]) / (ocvSoc[i + 1] - ocvSoc[i]);
        return ocvVolts[i] + f * (ocvVolts[i + 1] - ocvVolts[i]);
    }

    /** The state of charge at which the open-circuit voltage is {@code volts} (clamped to the table). */
    public double socAt(double volts) {
        if (volts <= ocvVolts[0]) {
            return 0;
        }
        if (volts >= ocvVolts[ocvVolts.length - 1]) {
            return 1;
        }
        int i = segment(ocvVolts, volts);
        double f = (volts - ocvVolts[i]) / (ocvVolts[i + 1] - ocvVolts[i]);
        return ocvSoc[i] + f * (ocvSoc[i + 1] - ocvSoc[i]);
    }

    /**
     * The lowest open-circuit voltage at which a load of {@code watts} still sees the cut-off: the
     * loaded voltage is {@code V = OCV - R * I} with {@code I = P / OCV}, so it solves
     * {@code OCV^2 - cutoff * OCV - R * P = 0}.
     */
    public double ocvForCutoff(double watts) {
        return (cutoffVolts + StrictMath.sqrt(cutoffVolts * cutoffVolts + 4 * internalOhms * watts)) / 2;
    }

    private static int segment(double[] xs, double x) {
        int i = Arrays.binarySearch(xs, x);
        if (i >= 0) {
            return Math.min(i, xs.length - 2);
        }
        return Math.max(0, Math.min(-i - 2, xs.length - 2));
    }

    /**
     * A Li-ion 18650 cell like Panasonic's CGR18650DA: 2.45 Ah at 3.6 V nominal (8.8 Wh), 0.083 ohm,
     * cut-off 3.0 V, with the illustrative NMC/NCA open-circuit table of the power reference (fit it
     * per cell on the bench). The recover voltage (3.5 V at rest) and the charge efficiency (0.9) are
     * our assumptions, not measured figures.
     */
    public static BatterySpec liIon18650() {
        return new BatterySpec("li-ion-18650", 2.45, 3.6,
                new double[] {0, 0.05, 0.10, 0.20, 0.30, 0.40, 0.50, 0.60, 0.70, 0.80, 0.90, 1.0},
                new double[] {3.00, 3.40, 3.50, 3.62, 3.68, 3.72, 3.77, 3.83, 3.90, 3.98, 4.08, 4.20},
                0.083, 3.0, 3.5, 0.9);
    }
}
