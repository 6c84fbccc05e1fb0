package io.mycel.scenario.load;

import io.mycel.node.api.Durations;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Typed readers of YAML values. On a mistake each records what was expected and returns a
 * harmless stand-in, so loading goes on and finds every mistake of the file in one pass.
 */
final class Values {

    /** Slowest workload rate accepted: one operation an hour. */
    static final double MIN_RATE_PER_SECOND = 1.0 / 3600;

    private final Problems problems;

    Values(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    String text(Node node, String field) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problems.add(node, field, "a single value, not a list or mapping");
        return null;
    }

    /** true or false; null after recording a problem. */
    Boolean bool(Node node, String field, String expected) {
        String text = text(node, field);
        if (text == null) {
            return null;   // not a single value: recorded already
        }
        if ("true".equals(text) || "false".equals(text)) {
            return "true".equals(text);
        }
        problems.add(node, field, expected + ", got '" + text + "'");
        return null;
    }

    List<Node> list(Node node, String field, String ofWhat) {
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        problems.add(node, field, "a list of " + ofWhat);
        return List.of();
    }

    long duration(Node node, String field) {
        String text = text(node, field);
        if (text == null) {
            return 0;
        }
        try {
            return Durations.parseMicros(text);
        } catch (IllegalArgumentException e) {
            problems.add(node, field, e.getMessage());
            return 0;
        }
    }

    /** A duration that may be negative: {@code -200ms}. */
    long signedDuration(Node node, String field) {
        String text = text(node, field);
        if (text == null) {
            return 0;
        }
        boolean negative = text.startsWith("-");
        try {
            long micros = Durations.parseMicros(negative ? text.substring(1) : text);
            return negative ? -micros : micros;
        } catch (IllegalArgumentException e) {
            problems.add(node, field, e.getMessage() + " (a leading - makes it negative)");
            return 0;
        }
    }

    /** A range {@code 2s..5s}; a single duration is the range of one value. */
    long[] durationRange(Node node, String field) {
        String text = text(node, field);
        if (text == null) {
            return new long[] {1, 1};
        }
        String[] parts = text.split("\\.\\.", -1);
        if (parts.length > 2) {
            problems.add(node, field, "a duration or a range such as 2s..5s, got '" + text + "'");
            return new long[] {1, 1};
        }
        try {
            long min = Durations.parseMicros(parts[0]);
            long max = parts.length == 2 ? Durations.parseMicros(parts[1]) : min;
            if (max < min) {
                problems.add(node, field, "a range whose low end comes first, got '" + text + "'");
                return new long[] {min, min};
            }
            return new long[] {min, max};
        } catch (IllegalArgumentException e) {
            problems.add(node, field, "a duration or a range such as 2s..5s, got '" + text + "'");
            return new long[] {1, 1};
        }
    }

    double probability(Node node, String field) {
        double p = number(node, field);
        if (!(p >= 0 && p <= 1)) {
            problems.add(node, field, "a probability between 0 and 1, got " + text(node, field));
            return 0;
        }
        return p;
    }

    /** A probability range {@code 0.2..0.6}, or one probability. */
    double[] probabilityRange(Node node, String field) {
        String text = text(node, field);
        if (text == null) {
            return new double[] {0, 0};
        }
        String[] parts = text.split("\\.\\.", -1);
        try {
            double min = Double.parseDouble(parts[0]);
            double max = parts.length == 2 ? Double.parseDouble(parts[1]) : min;
            if (parts.length > 2 || !(min >= 0 && max <= 1 && min <= max)) {
                throw new NumberFormatException();
            }
            return new double[] {min, max};
        } catch (NumberFormatException e) {
            problems.add(node, field, "a probability or a range such as 0.2..0.6 within [0, 1], got '" + text + "'");
            return new double[] {0, 0};
        }
    }

    double number(Node node, String field) {
        String text = text(node, field);
        if (text == null) {
            return 0;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            problems.add(node, field, "a number, got '" + text + "'");
            return 0;
        }
    }

    long integer(Node node, String field, long min, long max) {
        String text = text(node, field);
        if (text == null) {
            return min;
        }
        try {
            long value = Long.parseLong(text.replace("_", ""));
            if (value < min || value > max) {
                problems.add(node, field, "a whole number from " + min + " to " + max + ", got " + value);
                return min;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(node, field, "a whole number, got '" + text + "'");
            return min;
        }
    }

    /** A rate such as {@code 200/s}, {@code 30/m} or a bare number per second. */
    double ratePerSecond(Node node, String field) {
        String text = text(node, field);
        if (text == null) {
            return 1;
        }
        String t = text.trim();
        double per = 1;
        if (t.endsWith("/s")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("/m")) {
            t = t.substring(0, t.length() - 2);
            per = 60;
        }
        try {
            double rate = Double.parseDouble(t) / per;
            if (!(rate >= MIN_RATE_PER_SECOND) || Double.isInfinite(rate)) {
                throw new NumberFormatException();
            }
            return rate;
        } catch (NumberFormatException e) {
            problems.add(node, field, "a rate of at least one per hour, such as 200/s or 30/m, got '" + text + "'");
            return 1;
        }
    }
}
