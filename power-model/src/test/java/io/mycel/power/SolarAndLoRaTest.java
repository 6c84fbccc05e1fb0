package io.mycel.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Against the figures the power reference derives (clear-sky table, LoRa time-on-air table). */
class SolarAndLoRaTest {

    private static final long HOUR = 3_600_000_000L;

    /** Daily irradiation in kWh/m², summed over one-minute slots from midnight. */
    private static double dailyKwhPerM2(SolarSky sky) {
        SolarHarvester meter = new SolarHarvester(sky, 1000, 1.0, 60_000_000L);   // 1000 W at 1000 W/m²: watts = W/m²
        double wattHours = 0;
        for (long t = 0; t < SolarSky.DAY_MICROS; t = meter.nextChange(t)) {
            wattHours += meter.watts(t) / 60;
        }
        return wattHours / 1000;
    }

    @Test
    void clearSkyIrradianceMatchesTheReferenceTable() {
        SolarSky june45 = SolarSky.clear(45, 172, 0);
        assertEquals(958, june45.clearSky(12 * HOUR), 3);
        assertEquals(8.8, dailyKwhPerM2(june45), 0.1);
        assertEquals(0, june45.clearSky(2 * HOUR), 1e-12, "night");
        assertEquals(343, SolarSky.clear(45, 355, 0).clearSky(12 * HOUR), 3);
        assertEquals(1.0, dailyKwhPerM2(SolarSky.clear(52, 355, 0)), 0.1);
        assertEquals(608, SolarSky.clear(52, 80, 0).clearSky(12 * HOUR), 5);
    }

    @Test
    void aSmallPanelHarvestsWhatTheReferenceDerivesAndCloudsComeFromTheSeed() {
        SolarHarvester panel = SolarHarvester.smallPanel(SolarSky.clear(45, 172, 0));
        double wh = 0;
        for (long t = 0; t < SolarSky.DAY_MICROS; t = panel.nextChange(t)) {
            wh += panel.watts(t) / 60;
        }
        assertEquals(12.3, wh, 0.2);
        SolarSky cloudy = new SolarSky(45, 172, 6, 0.2, 0.8, 42);
        for (long day = 0; day < 20; day++) {
            double c = cloudy.clearness(day);
            assertTrue(c >= 0.2 && c <= 0.8);
            assertEquals(c, new SolarSky(45, 172, 6, 0.2, 0.8, 42).clearness(day), "the seed decides the weather");
        }
        assertNotEquals(cloudy.clearness(0), cloudy.clearness(1));
        assertNotEquals(cloudy.clearness(0), new SolarSky(45, 172, 6, 0.2, 0.8, 43).clearness(0));
        assertEquals(cloudy.clearSky(6 * HOUR) * cloudy.clearness(0), cloudy.irradiance(6 * HOUR), 1e-9);
    }

    @Test
    void loraTimeOnAirMatchesTheReferenceTableAndTheDutyCycleSilence() {
        assertEquals(102.7, LoRaAirtime.lorawan(7).seconds(51) * 1000, 0.05);
        assertEquals(2465.8, LoRaAirtime.lorawan(12).seconds(51) * 1000, 0.05);
        assertEquals(185.3, LoRaAirtime.lorawan(9).seconds(20) * 1000, 0.05);
        assertEquals(288.8, LoRaAirtime.lorawan(10).seconds(10) * 1000, 0.05);
        assertEquals(741.4, LoRaAirtime.lorawan(11).seconds(20) * 1000, 0.05);
        long air = LoRaAirtime.lorawan(7).micros(20);
        assertEquals(99 * air, LoRaAirtime.silenceMicros(air, 0.01), 1);
        // Energy of a 20-byte SF9 frame on an SX1276 at +20 dBm: 73.4 mJ in the reference.
        DeviceProfile sx = DeviceProfiles.builtIn("sx1276");
        assertEquals(73.4, sx.radio().txJoules(LoRaAirtime.lorawan(9).micros(20)) * 1000, 0.1);
    }
}
