package io.mycel.power;

/**
 * A solar panel under a {@link SolarSky}: {@code P = P_STC * (G / 1000) * chain efficiency}, the
 * chain efficiency covering tilt, dirt, charger and wiring. Irradiance is held constant over slots
 * of {@code slotMicros} (its value at the slot's middle), the way measured irradiance comes in
 * intervals; the harvest is then a step function of time, which a {@link Battery} integrates
 * exactly. The panel's temperature coefficient is left out: cells are taken at 25 °C.
 *
 * <p>Nodes with the same panel under the same sky may share one harvester: it remembers the last
 * slot it computed, so a thousand nodes ask the sun once a slot, not a thousand times. Sharing is
 * within one simulation, which runs on one thread.
 */
public final class SolarHarvester {

    private final SolarSky sky;
    private final double peakWatts;
    private final double chainEfficiency;
    private final long slotMicros;
    private long cachedSlot = Long.MIN_VALUE;
    private double cachedWatts;

    public SolarHarvester(SolarSky sky, double peakWatts, double chainEfficiency, long slotMicros) {
        if (!(peakWatts >= 0) || !(chainEfficiency > 0 && chainEfficiency <= 1) || slotMicros <= 0) {
            throw new IllegalArgumentException("peak watts not below 0, chain efficiency in (0, 1], slots above 0");
        }
        this.sky = sky;
        this.peakWatts = peakWatts;
        this.chainEfficiency = chainEfficiency;
        this.slotMicros = slotMicros;
    }

    /** A typical 6 V 2 W panel behind a linear charger (chain efficiency 0.7), one-minute slots. */
    public static SolarHarvester smallPanel(SolarSky sky) {
        return new SolarHarvester(sky, 2.0, 0.7, 60_000_000L);
    }

    public SolarSky sky() {
        return sky;
    }

    /** Watts delivered at virtual time {@code micros}: constant within its slot. */
    public double watts(long micros) {
        long slot = Math.floorDiv(micros, slotMicros);
        if (slot != cachedSlot) {
            cachedSlot = slot;
            cachedWatts = peakWatts * sky.irradiance(slot * slotMicros + slotMicros / 2) / 1000 * chainEfficiency;
        }
        return cachedWatts;
    }

    /** When the harvest may next change: the end of the slot holding {@code micros}. */
    public long nextChange(long micros) {
        return (Math.floorDiv(micros, slotMicros) + 1) * slotMicros;
    }
}
