package io.mycel.faults.proxy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The kinds of toxic the fault proxy applies: Toxiproxy's own, with its attribute names and units,
 * and Mycel's {@code mycel_link}, which shapes a link frame by frame as the simulator's link model
 * does (see {@link LinkShape}).
 */
enum ToxicType {
    /** Every chunk held {@code latency} ms, plus or minus up to {@code jitter} ms. */
    LATENCY("latency", Map.of("latency", 0L, "jitter", 0L)),
    /** At most {@code rate} KB (1,000 bytes) per second. */
    BANDWIDTH("bandwidth", Map.of("rate", 0L)),
    /** The close of one side reaches the other {@code delay} ms late. */
    SLOW_CLOSE("slow_close", Map.of("delay", 0L)),
    /** Nothing passes; the connection closes after {@code timeout} ms (never with 0, and then the data waits). */
    TIMEOUT("timeout", Map.of("timeout", 0L)),
    /** The connection is reset (a TCP RST both ways) {@code timeout} ms after the toxic meets it. */
    RESET_PEER("reset_peer", Map.of("timeout", 0L)),
    /** Chunks cut into pieces of {@code average_size} bytes, give or take {@code size_variation}, {@code delay} µs apart. */
    SLICER("slicer", Map.of("average_size", 0L, "size_variation", 0L, "delay", 0L)),
    /** The connection closes once {@code bytes} bytes have passed. */
    LIMIT_DATA("limit_data", Map.of("bytes", 0L)),
    /** Mycel's frames delayed, lost, duplicated and reordered as the scenario's link model says. */
    MYCEL_LINK("mycel_link", LinkShape.DEFAULT_ATTRIBUTES);

    final String wireName;
    /** Every attribute the type has, with the value a new toxic takes when it does not give one. */
    final Map<String, Object> defaults;

    ToxicType(String wireName, Map<String, Object> defaults) {
        this.wireName = wireName;
        this.defaults = new LinkedHashMap<>(new java.util.TreeMap<>(defaults));
    }

    static ToxicType byWireName(String name) {
        for (ToxicType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new ApiException(400, "unknown toxic type '" + name + "'; known: "
                + String.join(", ", Arrays.stream(values()).map(t -> t.wireName).toList()));
    }

    Set<String> attributeNames() {
        return defaults.keySet();
    }
}
