package io.mycel.node.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A program's options after validation: every option has a value, explicit or default. */
public final class ProgramConfig {

    private final Map<String, String> values;

    private ProgramConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Validates {@code given} against {@code options} and fills in defaults.
     *
     * @throws IllegalArgumentException naming every unknown option and every bad value
     */
    public static ProgramConfig of(List<ConfigOption> options, Map<String, String> given) {
        Map<String, String> values = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, ConfigOption> byName = new TreeMap<>();
        for (ConfigOption option : options) {
            byName.put(option.name(), option);
            values.put(option.name(), option.defaultValue());
        }
        for (Map.Entry<String, String> entry : new TreeMap<>(given).entrySet()) {
            ConfigOption option = byName.get(entry.getKey());
            if (option == null) {
                problems.add("unknown option '" + entry.getKey() + "'; expected one of " + byName.keySet());
                continue;
            }
            String problem = option.problemWith(entry.getValue());
            if (problem != null) {
                problems.add(entry.getKey() + ": expected " + problem);
            } else {
                values.put(entry.getKey(), entry.getValue());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ProgramConfig(values);
    }

    public Map<String, String> values() {
        return values;
    }

    public String string(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no option named " + name);
        }
        return value;
    }

    public long durationMicros(String name) {
        return Durations.parseMicros(string(name));
    }

    public long integer(String name) {
        return Long.parseLong(string(name).trim());
    }

    public double number(String name) {
        return Double.parseDouble(string(name).trim());
    }

    public boolean bool(String name) {
        return Boolean.parseBoolean(string(name));
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
