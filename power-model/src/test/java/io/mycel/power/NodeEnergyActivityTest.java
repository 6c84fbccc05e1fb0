package io.mycel.power;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What NodeEnergy accounts by kind: each joule spent is in exactly one of its activity figures. */
class NodeEnergyActivityTest {

    private static final double EPS = 1e-9;

    @Test
    void sleepDrawsTheSleepFiguresAndWakingCostsTheRadiosWakeUp() {
        DeviceProfile.Cpu cpu = DeviceProfiles.builtIn("esp32-wifi").cpu();
        // A radio with a wake-up of 2 ms at 0.1 W, as a user's profile file might give it.
        DeviceProfile.Radio radio = new DeviceProfile.Radio(0.4, 14, 0.04, 0.005, 0.000_001, 2_000, 0.1);
        Battery battery = new Battery(BatterySpec.liIon18650(), 1.0);
        NodeEnergy energy = new NodeEnergy(battery, null, cpu, radio, bytes -> 1_000L * bytes, new NodeEnergy.CostModel(1_000, 0), 0.3, 0.01);
        energy.powered(0, true);
        energy.asleep(10_000_000, true);     // 10 s awake
        energy.asleep(40_000_000, false);    // 30 s asleep, then the wake-up
        energy.sent(40_000_000, 50);         // one frame of 50 ms on air
        energy.handled(45_000_000, 20);      // one handler, 20 ms on air received
        NodeEnergy.Activity a = energy.activity(50_000_000);

        double awake = cpu.idleWatts() + radio.idleWatts();
        double asleep = cpu.sleepWatts() + radio.sleepWatts();
        assertEquals(awake * 20 + asleep * 30, a.baseJoules(), EPS, "20 s awake and 30 s asleep between bursts");
        assertEquals(50_000_000, a.onMicros());
        assertEquals(30_000_000, a.asleepMicros());
        assertEquals(0.4 * 0.05, a.txJoules(), EPS);
        assertEquals(0.04 * 0.02, a.rxJoules(), EPS);
        assertEquals(cpu.busyCoreWatts() * 0.001, a.cpuJoules(), EPS);
        double wake = 0.1 * 0.002;
        assertEquals(battery.spentJoules(), a.baseJoules() + a.txJoules() + a.rxJoules() + a.cpuJoules() + wake, EPS,
                "every joule spent is accounted: base, bursts and the wake-up");
        assertEquals(1, a.framesSent());
        assertEquals(1, a.handlers());
        assertEquals(50_000, a.worstHourTxMicros(), "a radio with a duty cycle has its worst hour measured");
    }
}
