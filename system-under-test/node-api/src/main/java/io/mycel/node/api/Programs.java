package io.mycel.node.api;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The node programs on the class path, found with {@link ServiceLoader}, by name. */
public final class Programs {

    private static final Map<String, Program> BY_NAME = load();

    private Programs() {
    }

    private static Map<String, Program> load() {
        Map<String, Program> byName = new TreeMap<>();
        for (Program program : ServiceLoader.load(Program.class)) {
            Program earlier = byName.putIfAbsent(program.name(), program);
            if (earlier != null) {
                throw new IllegalStateException("two programs are named " + program.name() + ": "
                        + earlier.getClass().getName() + " and " + program.getClass().getName());
            }
        }
        return byName;
    }

    /** The program of that name, or null. */
    public static Program get(String name) {
        return BY_NAME.get(name);
    }

    public static Map<String, Program> all() {
        return java.util.Collections.unmodifiableMap(BY_NAME);
    }
}
