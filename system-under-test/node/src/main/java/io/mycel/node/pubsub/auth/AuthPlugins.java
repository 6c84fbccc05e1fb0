package io.mycel.node.pubsub.auth;

import io.mycel.node.api.ConfigOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The MQTT auth plugins on the class path, found once through {@link ServiceLoader} and kept by
 * name, so their order never depends on the class path's.
 */
public final class AuthPlugins {

    private static final TreeMap<String, MqttAuthPlugin> PLUGINS = load();

    private AuthPlugins() {
    }

    public static List<String> names() {
        return List.copyOf(PLUGINS.keySet());
    }

    /** The plugin called {@code name}; the caller checked it is one of {@link #names}. */
    public static MqttAuthPlugin named(String name) {
        MqttAuthPlugin plugin = PLUGINS.get(name);
        if (plugin == null) {
            throw new IllegalArgumentException("no MQTT auth plugin '" + name + "'; there are " + names());
        }
        return plugin;
    }

    /** Every plugin's options, by plugin name and then as each declares them. */
    public static List<ConfigOption> options() {
        List<ConfigOption> all = new ArrayList<>();
        for (MqttAuthPlugin plugin : PLUGINS.values()) {
            all.addAll(plugin.options());
        }
        return Collections.unmodifiableList(all);
    }

    private static TreeMap<String, MqttAuthPlugin> load() {
        TreeMap<String, MqttAuthPlugin> byName = new TreeMap<>();
        TreeSet<String> optionNames = new TreeSet<>();
        for (MqttAuthPlugin plugin : ServiceLoader.load(MqttAuthPlugin.class, AuthPlugins.class.getClassLoader())) {
            if (byName.putIfAbsent(plugin.name(), plugin) != null) {
                throw new IllegalStateException("two MQTT auth plugins are called '" + plugin.name() + "'");
            }
        }
        for (MqttAuthPlugin plugin : byName.values()) {
            for (ConfigOption option : plugin.options()) {
                if (!optionNames.add(option.name())) {
                    throw new IllegalStateException("MQTT auth plugin '" + plugin.name() + "' declares option '"
                            + option.name() + "', which another plugin declares too");
                }
            }
        }
        return byName;
    }
}
