package io.mycel.node.api;

import java.math.BigDecimal;

/** Parses and prints durations such as {@code 250us}, {@code 5ms}, {@code 1.5s}, {@code 2m}. */
public final class Durations {

    private Durations() {
    }

    /**
     * Microseconds in {@code text}, or throws {@link IllegalArgumentException} with what was expected.
     * A bare {@code 0} is accepted; any other number needs a unit (us, ms, s, m, h).
     */
    public static long parseMicros(String text) {
        String t = text.trim();
        if (t.equals("0")) {
            return 0;
        }
        int unitStart = t.length();
        while (unitStart > 0 && Character.isLetter(t.charAt(unitStart - 1))) {
            unitStart--;
        }
        String unit = t.substring(unitStart);
        long factor = switch (unit) {
            case "us" -> 1L;
            case "ms" -> 1_000L;
            case "s" -> 1_000_000L;
            case "m" -> 60_000_000L;
            case "h" -> 3_600_000_000L;
            default -> throw new IllegalArgumentException(
                    "a duration such as 250us, 5ms, 1.5s, 2m or 1h, got '" + text + "'");
        };
        try {
            BigDecimal micros = new BigDecimal(t.substring(0, unitStart)).multiply(BigDecimal.valueOf(factor));
            if (micros.signum() < 0) {
                throw new IllegalArgumentException("a duration that is not negative, got '" + text + "'");
            }
            return micros.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "a duration such as 250us, 5ms, 1.5s, 2m or 1h, got '" + text + "'");
        }
    }

    /** A short exact form: 1500000 prints as {@code 1.5s}, 2000 as {@code 2ms}, 1500 as {@code 1500us}. */
    public static String format(long micros) {
        if (micros == 0) {
            return "0";
        }
        if (micros % 1_000 != 0) {
            return micros + "us";
        }
        if (micros < 1_000_000) {
            return micros / 1_000 + "ms";
        }
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString() + "s";
    }
}
