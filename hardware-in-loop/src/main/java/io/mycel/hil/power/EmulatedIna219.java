package io.mycel.hil.power;

import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import java.util.function.Supplier;

/**
 * An INA219 as Pi4J's mock platform sees it: its register map, computed from the voltage and
 * current of the supply it watches, with the chip's own quantisation. Pi4J's plain mock I2C device
 * returns what was written, which no driver of a real sensor can be tested against; this one answers
 * reads of the measurement registers the way the chip does, and keeps what is written to the
 * configuration and calibration registers.
 */
final class EmulatedIna219 extends MockI2C {

    /** The supply's bus voltage and current right now. */
    record Supply(double volts, double amps) {
    }

    private final Supplier<Supply> supply;
    private final double shuntOhms;
    private int config = 0x399F;
    private int calibration;

    EmulatedIna219(I2CProvider provider, I2CConfig config, Supplier<Supply> supply, double shuntOhms) {
        super(provider, config);
        this.supply = supply;
        this.shuntOhms = shuntOhms;
    }

    @Override
    public int readRegister(int register, byte[] buffer, int offset, int length) {
        int value = registerValue(register);
        if (length >= 1) {
            buffer[offset] = (byte) (value >> 8);
        }
        if (length >= 2) {
            buffer[offset + 1] = (byte) value;
        }
        return Math.min(length, 2);
    }

    @Override
    public int writeRegister(int register, byte[] data, int offset, int length) {
        if (length != 2) {
            throw new IllegalArgumentException("the INA219 takes 16-bit register writes, got " + length + " bytes");
        }
        int value = ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
        if (register == Ina219.CONFIG) {
            config = value;
        } else if (register == Ina219.CALIBRATION) {
            calibration = value & 0xFFFE;   // bit 0 is read-only and always 0
        } else {
            throw new IllegalArgumentException("INA219 register " + register + " is read-only");
        }
        return length;
    }

    private int registerValue(int register) {
        Supply now = supply.get();
        int shunt = clampSigned(Math.round(now.amps() * shuntOhms / 10e-6), 32000);
        int bus = (int) Math.min(8000, Math.max(0, Math.round(now.volts() / 0.004)));
        int current = calibration == 0 ? 0 : clampSigned((long) shunt * calibration / 4096, 32767);
        int power = calibration == 0 ? 0 : (int) Math.min(0xFFFF, Math.abs((long) current * bus / 5000));
        return switch (register) {
            case Ina219.CONFIG -> config;
            case Ina219.SHUNT_VOLTAGE -> shunt & 0xFFFF;
            case Ina219.BUS_VOLTAGE -> (bus << 3) | 0b10;   // conversion ready
            case Ina219.POWER -> power;
            case Ina219.CURRENT -> current & 0xFFFF;
            case Ina219.CALIBRATION -> calibration;
            default -> throw new IllegalArgumentException("the INA219 has no register " + register);
        };
    }

    private static int clampSigned(long value, int limit) {
        return (int) Math.max(-limit, Math.min(limit, value));
    }
}
