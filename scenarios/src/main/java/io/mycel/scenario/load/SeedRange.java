package io.mycel.scenario.load;

import org.snakeyaml.engine.v2.nodes.Node;

/** Parses {@code A..B} (inclusive) or a single seed, for files and the command line alike. */
public final class SeedRange {

    private SeedRange() {
    }

    /** [first, last], or throws IllegalArgumentException with what was expected. */
    public static long[] parse(String text) {
        String[] parts = text.trim().replace("_", "").split("\\.\\.", -1);
        try {
            long first = Long.parseLong(parts[0].trim());
            long last = parts.length == 2 ? Long.parseLong(parts[1].trim()) : first;
            if (parts.length > 2 || last < first) {
                throw new NumberFormatException();
            }
            return new long[] {first, last};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a seed or a range of seeds such as 1..20 (low end first), got '" + text + "'");
        }
    }

    static long[] parse(String text, Node node, String field, Problems problems) {
        if (text == null) {
            return new long[] {1, 1};
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(node, field, e.getMessage());
            return new long[] {1, 1};
        }
    }
}
