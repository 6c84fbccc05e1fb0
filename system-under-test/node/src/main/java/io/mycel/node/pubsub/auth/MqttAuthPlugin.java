package io.mycel.node.pubsub.auth;

import io.mycel.node.api.ConfigOption;
import io.mycel.node.api.ProgramConfig;
import java.util.List;

/**
 * A way to authenticate MQTT clients, chosen by the mqtt program's {@code auth} option. Operators
 * add their own by implementing this interface and listing the class in
 * {@code META-INF/services/io.mycel.node.pubsub.auth.MqttAuthPlugin} on the node's class path; the
 * plugin's options join the mqtt program's, so scenario files and node.yaml set them like any other
 * and mistakes in them are reported before anything runs.
 */
public interface MqttAuthPlugin {

    /** What {@code auth:} names it by. */
    String name();

    String description();

    /** Options of this plugin; their names must differ from every other plugin's and the program's. */
    List<ConfigOption> options();

    /**
     * Builds the authenticator from the program's options (the plugin's among them), reading any
     * file they name.
     *
     * @throws IllegalArgumentException saying what is wrong, with file and line for a file's mistake
     */
    MqttAuthenticator create(ProgramConfig config);
}
