package io.mycel.power;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Device profiles as data: YAML files, one per device, where every figure names its source. The
 * built-in ones ({@link #BUILT_IN}) come from the lab's power reference; a scenario may give its
 * own file in the same form. A figure is {@code {watts: W, source: ...}} or
 * {@code {milliamps: mA, source: ...}} (at the device's {@code supply-volts}); a figure without a
 * source is refused.
 */
public final class DeviceProfiles {

    public static final List<String> BUILT_IN = List.of("pi-4b", "pi-zero-2w", "esp32-wifi", "sx1276", "sx1262");

    private DeviceProfiles() {
    }

    /** A built-in profile by name. */
    public static DeviceProfile builtIn(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new IllegalArgumentException("no built-in device profile '" + name + "'; one of " + BUILT_IN);
        }
        try (InputStream in = DeviceProfiles.class.getResourceAsStream("profiles/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("the built-in profile " + name + " is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".yaml");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in profile " + name, e);
        }
    }

    /**
     * A built-in profile, or one the user wrote: a name ending in {@code .yaml} is a file, relative
     * to {@code baseDir} unless absolute, in the built-in profiles' format (every figure with its source).
     *
     * @throws IllegalArgumentException naming the profile or the file and what is wrong with it
     */
    public static DeviceProfile named(String nameOrFile, java.nio.file.Path baseDir) {
        if (!isFile(nameOrFile)) {
            return builtIn(nameOrFile);
        }
        java.nio.file.Path file = resolve(nameOrFile, baseDir);
        try {
            return parse(java.nio.file.Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the device profile " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether a profile name names a file of the user's rather than a built-in profile. */
    public static boolean isFile(String nameOrFile) {
        return nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml");
    }

    /** The file a profile name names, against {@code baseDir}, absolute. */
    public static java.nio.file.Path resolve(String file, java.nio.file.Path baseDir) {
        java.nio.file.Path p = java.nio.file.Path.of(file);
        return (p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p)).toAbsolutePath().normalize();
    }

    /**
     * A profile from YAML text; {@code where} names it in errors.
     *
     * @throws IllegalArgumentException saying where and what was expected
     */
    public static DeviceProfile parse(String text, String where) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(where).build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(where + ": well-formed YAML: " + e.getMessage(), e);
        }
        Reader r = new Reader(where);
        Map<String, Object> top = r.map(root, "(top level)");
        String name = r.text(top, "name", "(top level)");
        String description = top.containsKey("description") ? r.text(top, "description", "(top level)") : "";
        double volts = r.number(top, "supply-volts", "(top level)");
        DeviceProfile.Cpu cpu = null;
        if (top.containsKey("cpu")) {
            Map<String, Object> c = r.map(top.get("cpu"), "cpu");
            int cores = (int) r.number(c, "cores", "cpu");
            cpu = new DeviceProfile.Cpu(cores, r.watts(c, "idle", "cpu", volts, true), r.watts(c, "busy-core", "cpu", volts, true),
                    r.watts(c, "sleep", "cpu", volts, false), r.watts(c, "halted", "cpu", volts, false));
        }
        DeviceProfile.Radio radio = null;
        if (top.containsKey("radio")) {
            Map<String, Object> c = r.map(top.get("radio"), "radio");
            Map<String, Object> tx = r.map(c.get("tx"), "radio.tx");
            Map<String, Object> wake = r.map(c.get("wake"), "radio.wake");
            radio = new DeviceProfile.Radio(r.watts(c, "tx", "radio", volts, true), r.number(tx, "dbm", "radio.tx"),
                    r.watts(c, "rx", "radio", volts, true), r.watts(c, "idle", "radio", volts, true),
                    r.watts(c, "sleep", "radio", volts, true), (long) r.number(wake, "micros", "radio.wake"),
                    r.watts(c, "wake", "radio", volts, true));
        }
        if (cpu == null && radio == null) {
            throw new IllegalArgumentException(where + ": (top level): a cpu, a radio, or both");
        }
        return new DeviceProfile(name, description, volts, cpu, radio, r.sources);
    }

    /** Reads fields, saying where and what was expected when one is missing or wrong. */
    private static final class Reader {
        private final String where;
        private final Map<String, String> sources = new TreeMap<>();

        Reader(String where) {
            this.where = where;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(Object node, String field) {
            if (node instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            throw new IllegalArgumentException(where + ": " + field + ": a mapping, got " + node);
        }

        String text(Map<String, Object> map, String key, String field) {
            Object v = map.get(key);
            if (v == null) {
                throw new IllegalArgumentException(where + ": " + field + ": '" + key + "' is missing");
            }
            return v.toString();
        }

        double number(Map<String, Object> map, String key, String field) {
            Object v = map.get(key);
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException(where + ": " + field + "." + key + ": a number, got " + v);
            }
            return n.doubleValue();
        }

        /** A figure in watts or milliamps (at {@code volts}), with its source; NaN when optional and absent. */
        double watts(Map<String, Object> parent, String key, String section, double volts, boolean required) {
            String field = section + "." + key;
            if (!parent.containsKey(key)) {
                if (required) {
                    throw new IllegalArgumentException(where + ": " + field + ": a figure {watts: W, source: ...} or {milliamps: mA, source: ...}");
                }
                return Double.NaN;
            }
            Map<String, Object> figure = map(parent.get(key), field);
            Object source = figure.get("source");
            if (!(source instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException(where + ": " + field + ": every figure names its source");
            }
            sources.put(field, s);
            double w;
            if (figure.containsKey("watts")) {
                w = number(figure, "watts", field);
            } else if (figure.containsKey("milliamps")) {
                w = number(figure, "milliamps", field) / 1000 * volts;
            } else {
                throw new IllegalArgumentException(where + ": " + field + ": 'watts' or 'milliamps'");
            }
            if (!(w >= 0)) {
                throw new IllegalArgumentException(where + ": " + field + ": not negative, got " + w);
            }
            return w;
        }
    }
}
