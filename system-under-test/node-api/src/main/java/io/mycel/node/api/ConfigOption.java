package io.mycel.node.api;

import java.util.List;

/**
 * One option a program accepts, with its kind and default, so that a scenario's mistakes are found
 * (with file, line and column) before anything runs.
 */
/**
 * @param min the least value accepted for a duration or an integer option, or null for no bound
 */
public record ConfigOption(String name, Kind kind, String defaultValue, List<String> choices, String min,
                           String description) {

    public enum Kind { DURATION, INTEGER, NUMBER, BOOLEAN, CHOICE, TEXT }

    public ConfigOption {
        choices = List.copyOf(choices);
        if (kind == Kind.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("option " + name + " is a choice with nothing to choose");
        }
        String problem = problemWith(kind, choices, min, defaultValue);
        if (problem != null) {
            throw new IllegalArgumentException("default of option " + name + ": expected " + problem);
        }
    }

    public static ConfigOption duration(String name, String defaultValue, String min, String description) {
        return new ConfigOption(name, Kind.DURATION, defaultValue, List.of(), min, description);
    }

    public static ConfigOption integer(String name, String defaultValue, long min, String description) {
        return new ConfigOption(name, Kind.INTEGER, defaultValue, List.of(), Long.toString(min), description);
    }

    public static ConfigOption choice(String name, String defaultValue, List<String> choices, String description) {
        return new ConfigOption(name, Kind.CHOICE, defaultValue, choices, null, description);
    }

    /** Free text, such as a file name; an empty default means not given. */
    public static ConfigOption text(String name, String defaultValue, String description) {
        return new ConfigOption(name, Kind.TEXT, defaultValue, List.of(), null, description);
    }

    /** What was expected when {@code raw} is not a valid value for this option, else null. */
    public String problemWith(String raw) {
        return problemWith(kind, choices, min, raw);
    }

    private static String problemWith(Kind kind, List<String> choices, String min, String raw) {
        try {
            switch (kind) {
                case DURATION -> {
                    if (min != null && Durations.parseMicros(raw) < Durations.parseMicros(min)) {
                        return "a duration of at least " + min + ", got '" + raw + "'";
                    }
                }
                case INTEGER -> {
                    if (min != null && Long.parseLong(raw.trim()) < Long.parseLong(min)) {
                        return "a whole number of at least " + min + ", got '" + raw + "'";
                    }
                }
                case NUMBER -> Double.parseDouble(raw.trim());
                case BOOLEAN -> {
                    if (!raw.equals("true") && !raw.equals("false")) {
                        return "true or false, got '" + raw + "'";
                    }
                }
                case CHOICE -> {
                    if (!choices.contains(raw)) {
                        return "one of " + String.join(", ", choices) + ", got '" + raw + "'";
                    }
                }
                case TEXT -> {
                }
            }
            return null;
        } catch (IllegalArgumentException e) {
            return switch (kind) {
                case DURATION -> e.getMessage();
                case INTEGER -> "a whole number, got '" + raw + "'";
                default -> "a number, got '" + raw + "'";
            };
        }
    }
}
