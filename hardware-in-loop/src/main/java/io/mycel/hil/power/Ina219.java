package io.mycel.hil.power;

import com.pi4j.io.i2c.I2C;

/**
 * A driver for the TI INA219 current and power monitor on I2C, as a bench wires one in each node's
 * supply: a shunt resistor in series, the bus voltage on the load side. It programs the calibration
 * register for the shunt and the largest current expected, then reads the bus voltage, the shunt
 * voltage, the current and the power registers (all 16-bit, most significant byte first).
 *
 * <p>Register arithmetic from the datasheet (SBOS448): current LSB = max current / 2^15; calibration
 * = trunc(0.04096 / (current LSB x shunt ohms)); bus voltage = (register >> 3) x 4 mV; shunt voltage
 * = signed register x 10 uV; current = signed register x current LSB; power = register x 20 x current LSB.
 */
public final class Ina219 {

    static final int CONFIG = 0x00;
    static final int SHUNT_VOLTAGE = 0x01;
    static final int BUS_VOLTAGE = 0x02;
    static final int POWER = 0x03;
    static final int CURRENT = 0x04;
    static final int CALIBRATION = 0x05;
    /** 32 V bus range, shunt gain /8 (+-320 mV), 12-bit bus and shunt conversions, continuous. */
    static final int CONFIG_32V_320MV_CONTINUOUS = 0x399F;

    /** One reading. */
    public record Reading(double busVolts, double shuntVolts, double amps, double watts) {
    }

    private final I2C device;
    private final double currentLsb;
    private final int calibration;

    /**
     * @param shuntOhms the shunt resistor (0.1 ohm on the common breakout boards)
     * @param maxAmps the largest current expected, which sets the resolution
     */
    public Ina219(I2C device, double shuntOhms, double maxAmps) {
        this.device = device;
        this.currentLsb = maxAmps / 32768.0;
        this.calibration = (int) Math.floor(0.04096 / (currentLsb * shuntOhms));
        if (calibration < 1 || calibration > 0xFFFE) {
            throw new IllegalArgumentException("no INA219 calibration for a " + shuntOhms + " ohm shunt and " + maxAmps + " A");
        }
        writeWord(CONFIG, CONFIG_32V_320MV_CONTINUOUS);
        writeWord(CALIBRATION, calibration);
    }

    public int calibration() {
        return calibration;
    }

    public Reading read() {
        double bus = (word(BUS_VOLTAGE) >> 3) * 0.004;
        double shunt = (short) word(SHUNT_VOLTAGE) * 10e-6;
        double amps = (short) word(CURRENT) * currentLsb;
        double watts = word(POWER) * 20 * currentLsb;
        return new Reading(bus, shunt, amps, watts);
    }

    private int word(int register) {
        byte[] bytes = new byte[2];
        int read = device.readRegister(register, bytes, 0, 2);
        if (read != 2) {
            throw new IllegalStateException("INA219 register " + register + ": read " + read + " bytes, expected 2");
        }
        return ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF);
    }

    private void writeWord(int register, int value) {
        device.writeRegister(register, new byte[] {(byte) (value >> 8), (byte) value}, 0, 2);
    }
}
