package io.mycel.faults.proxy;

import io.mycel.sim.LatencyDistribution;
import io.mycel.sim.LinkModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The attributes of a {@code mycel_link} toxic: the simulator's {@link LinkModel} applied to a real
 * link frame by frame. The proxy cuts the stream at Mycel's 4-byte length prefixes, so each frame is
 * one message: it is lost with probability {@code loss}, sent twice with probability
 * {@code duplicate} (the copy with a latency of its own), held for a latency drawn from
 * {@code dist}, and may overtake the frames before it with probability {@code reorder} (otherwise
 * the link stays first in, first out, as TCP is). The first frame of a connection, its hello, is
 * delayed but never lost or doubled: without it the receiver would refuse the connection, which is
 * a reset, not a lost message.
 *
 * <p>Attributes, flat as Toxiproxy's are: {@code dist} (constant, uniform, normal or lognormal) and
 * its two figures in microseconds ({@code constant_us}; {@code min_us} and {@code max_us};
 * {@code mean_us} and {@code stddev_us}; {@code median_us} and {@code p99_us}), then {@code loss},
 * {@code duplicate} and {@code reorder} as probabilities.
 */
public record LinkShape(LinkModel model) {

    static final Map<String, Object> DEFAULT_ATTRIBUTES = Map.ofEntries(
            Map.entry("dist", "constant"), Map.entry("constant_us", 0L),
            Map.entry("min_us", 0L), Map.entry("max_us", 0L),
            Map.entry("mean_us", 0L), Map.entry("stddev_us", 0L),
            Map.entry("median_us", 0L), Map.entry("p99_us", 0L),
            Map.entry("loss", 0.0), Map.entry("duplicate", 0.0), Map.entry("reorder", 0.0));

    /** The toxic's type on the wire. */
    public static final String TYPE = "mycel_link";

    /** The shape a {@code mycel_link} toxic's attributes give; a 400 when they do not add up. */
    static LinkShape of(String toxicName, Map<String, Object> a) {
        String dist = (String) a.get("dist");
        LatencyDistribution latency;
        try {
            latency = switch (dist) {
                case "constant" -> new LatencyDistribution.Constant((Long) a.get("constant_us"));
                case "uniform" -> new LatencyDistribution.Uniform((Long) a.get("min_us"), (Long) a.get("max_us"));
                case "normal" -> new LatencyDistribution.Normal((Long) a.get("mean_us"), (Long) a.get("stddev_us"));
                case "lognormal" -> new LatencyDistribution.LogNormal((Long) a.get("median_us"), (Long) a.get("p99_us"));
                default -> throw new ApiException(400, "dist must be constant, uniform, normal or lognormal, got '" + dist + "'");
            };
            return new LinkShape(new LinkModel(latency, (Double) a.get("loss"), (Double) a.get("duplicate"),
                    (Double) a.get("reorder")));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "mycel_link " + toxicName + ": " + e.getMessage());
        }
    }

    /** The attributes of a {@code mycel_link} toxic that applies {@code model}, for a client to send. */
    public static Map<String, Object> attributesOf(LinkModel model) {
        Map<String, Object> out = new LinkedHashMap<>();
        LatencyDistribution latency = model.latency();
        if (latency instanceof LatencyDistribution.Constant c) {
            out.put("dist", "constant");
            out.put("constant_us", c.micros());
        } else if (latency instanceof LatencyDistribution.Uniform u) {
            out.put("dist", "uniform");
            out.put("min_us", u.minMicros());
            out.put("max_us", u.maxMicros());
        } else if (latency instanceof LatencyDistribution.Normal n) {
            out.put("dist", "normal");
            out.put("mean_us", n.meanMicros());
            out.put("stddev_us", n.stddevMicros());
        } else {
            LatencyDistribution.LogNormal l = (LatencyDistribution.LogNormal) latency;
            out.put("dist", "lognormal");
            out.put("median_us", l.medianMicros());
            out.put("p99_us", l.p99Micros());
        }
        out.put("loss", model.loss());
        out.put("duplicate", model.duplicate());
        out.put("reorder", model.reorder());
        return out;
    }
}
