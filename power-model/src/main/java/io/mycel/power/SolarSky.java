package io.mycel.power;

import io.mycel.node.api.SeededRandom;

/**
 * Sunlight on a flat panel over virtual time: clear-sky global horizontal irradiance by the
 * Haurwitz model ({@code 1098 cos z exp(-0.059 / cos z)} W/m², z the solar zenith angle) with
 * Cooper's declination, scaled each day by a clearness factor the seed draws (the weather), as
 * the power reference suggests for diurnal shape.
 *
 * <p>Virtual time 0 is {@code startHour} (local solar time) of day {@code startDay} of the year;
 * each later day draws its clearness from its own stream, so the weather of day 3 does not depend
 * on how much of days 1 and 2 a run simulated.
 *
 * @param clearnessMin the cloudiest day's share of clear-sky irradiance, in [0, 1]
 * @param clearnessMax the clearest day's share, at least {@code clearnessMin}
 */
public record SolarSky(double latitudeDeg, int startDay, double startHour, double clearnessMin, double clearnessMax, long seed) {

    public static final long DAY_MICROS = 86_400_000_000L;

    public SolarSky {
        if (!(latitudeDeg >= -90 && latitudeDeg <= 90) || startDay < 1 || startDay > 366 || !(startHour >= 0 && startHour < 24)
                || !(clearnessMin >= 0 && clearnessMin <= clearnessMax && clearnessMax <= 1)) {
            throw new IllegalArgumentException("latitude in [-90, 90], day 1..366, hour in [0, 24), 0 <= clearness min <= max <= 1");
        }
    }

    /** A cloudless sky. */
    public static SolarSky clear(double latitudeDeg, int startDay, double startHour) {
        return new SolarSky(latitudeDeg, startDay, startHour, 1, 1, 0);
    }

    /** Irradiance in W/m² at virtual time {@code micros}. */
    public double irradiance(long micros) {
        return clearSky(micros) * clearness(dayIndex(micros));
    }

    /** The clear-sky irradiance, before the weather. */
    public double clearSky(long micros) {
        double hours = startHour + micros / 3.6e9;
        int day = startDay + (int) Math.floor(hours / 24);
        double hourOfDay = hours - 24 * Math.floor(hours / 24);
        double declination = Math.toRadians(23.45 * StrictMath.sin(Math.toRadians(360.0 * (284 + dayOfYear(day)) / 365)));
        double hourAngle = Math.toRadians(15 * (hourOfDay - 12));
        double lat = Math.toRadians(latitudeDeg);
        double cosZ = StrictMath.sin(lat) * StrictMath.sin(declination) + StrictMath.cos(lat) * StrictMath.cos(declination) * StrictMath.cos(hourAngle);
        return cosZ <= 0 ? 0 : 1098 * cosZ * StrictMath.exp(-0.059 / cosZ);
    }

    /** The clearness of the run's day {@code index} (0 for the day the run starts on). */
    public double clearness(long index) {
        if (clearnessMax == clearnessMin) {
            return clearnessMax;
        }
        double u = new SeededRandom(seed).fork("sky/day/" + index).nextDouble();
        return clearnessMin + u * (clearnessMax - clearnessMin);
    }

    /** Which day of the run a virtual time falls on, counting from the start day. */
    public long dayIndex(long micros) {
        return (long) Math.floor((startHour + micros / 3.6e9) / 24);
    }

    private static int dayOfYear(int day) {
        return ((day - 1) % 365 + 365) % 365 + 1;
    }
}
