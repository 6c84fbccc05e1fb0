package io.mycel.scenario.load;

import io.mycel.node.api.Durations;
import io.mycel.node.api.SeededRandom;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Parameters a scenario leaves to the seed, drawn before the file is read as usual:
 *
 * <ul>
 *   <li>{@code {between: [A, B]}} anywhere a value goes: a whole number, a decimal, a duration or a
 *       rate ({@code 50/s}) between A and B inclusive, of the kind both ends are;</li>
 *   <li>{@code {one-of: [x, y, ...]}}: one of the items, whatever they are (a value, a mapping);</li>
 *   <li>{@code swarm: true} beside a random nemesis's {@code kinds}: each seed keeps each kind with
 *       probability one half (at least one), so some seeds never see some faults at all, as in
 *       swarm testing.</li>
 * </ul>
 *
 * Each draw has a random stream of its own, forked from the seed by the parameter's path, so adding
 * a generator to one field leaves the others' draws as they were. A drawn value keeps its
 * generator's position in the file, so a mistake in it is reported there. Besides random draws,
 * a tree can be drawn at the low or high end of every range, or with option {@code i} of every
 * choice, to check every value a seed could draw.
 */
final class Generators {

    /** How to draw: from the seed, at the ends of the ranges, or option i of every choice (ranges at their low end). */
    record Mode(long seed, Kind kind, int option) {
        enum Kind { RANDOM, LOW, HIGH, OPTION }

        static Mode random(long seed) {
            return new Mode(seed, Kind.RANDOM, 0);
        }
    }

    /** The drawn tree, and each drawn parameter as {@code path=value}, in file order. */
    record Drawn(Node root, List<String> values) {
    }

    private final Mode mode;
    private final Problems problems;
    private final List<String> values = new ArrayList<>();

    private Generators(Mode mode, Problems problems) {
        this.mode = mode;
        this.problems = problems;
    }

    /** Whether the tree holds any generator. */
    static boolean present(Node node) {
        if (node instanceof MappingNode map) {
            if (generator(map) != null) {
                return true;
            }
            for (NodeTuple t : map.getValue()) {
                if (key(t).equals("swarm") || present(t.getValueNode())) {
                    return true;
                }
            }
        } else if (node instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) {
                if (present(n)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The largest number of options any {@code one-of} offers, 0 when none. */
    static int widestChoice(Node node) {
        int widest = 0;
        if (node instanceof MappingNode map) {
            if ("one-of".equals(generator(map)) && map.getValue().get(0).getValueNode() instanceof SequenceNode options) {
                widest = options.getValue().size();
            }
            for (NodeTuple t : map.getValue()) {
                widest = Math.max(widest, widestChoice(t.getValueNode()));
            }
        } else if (node instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) {
                widest = Math.max(widest, widestChoice(n));
            }
        }
        return widest;
    }

    static Drawn draw(Node root, Mode mode, Problems problems) {
        Generators g = new Generators(mode, problems);
        return new Drawn(g.walk(root, ""), List.copyOf(g.values));
    }

    private Node walk(Node node, String path) {
        if (node instanceof MappingNode map) {
            String kind = generator(map);
            if (kind != null) {
                Node item = map.getValue().get(0).getValueNode();
                return kind.equals("between") ? between(map, item, path) : oneOf(item, path);
            }
            boolean swarm = false;
            List<NodeTuple> tuples = new ArrayList<>();
            for (NodeTuple t : map.getValue()) {
                String key = key(t);
                if (key.equals("swarm") && hasKey(map, "kinds")) {
                    swarm = swarmOn(t.getValueNode(), join(path, key));
                    continue;
                }
                tuples.add(new NodeTuple(t.getKeyNode(), walk(t.getValueNode(), join(path, key))));
            }
            if (swarm) {
                tuples = swarmKinds(tuples, join(path, "kinds"));
            }
            return new MappingNode(map.getTag(), true, tuples, map.getFlowStyle(), map.getStartMark(), map.getEndMark());
        }
        if (node instanceof SequenceNode seq) {
            List<Node> items = new ArrayList<>();
            for (int i = 0; i < seq.getValue().size(); i++) {
                items.add(walk(seq.getValue().get(i), path + "[" + i + "]"));
            }
            return new SequenceNode(seq.getTag(), true, items, seq.getFlowStyle(), seq.getStartMark(), seq.getEndMark());
        }
        return node;
    }

    /** The drawn value carries the generator's position, so a problem with it is reported there. */
    private Node between(MappingNode generator, Node item, String path) {
        String field = join(path, "between");
        if (!(item instanceof SequenceNode seq) || seq.getValue().size() != 2
                || !(seq.getValue().get(0) instanceof ScalarNode a) || !(seq.getValue().get(1) instanceof ScalarNode b)) {
            problems.add(item, field, "two values [low, high]: numbers, durations such as 5ms, or rates such as 50/s");
            return item;
        }
        String low = a.getValue().trim();
        String high = b.getValue().trim();
        String drawn = drawBetween(low, high, random(path));
        if (drawn == null) {
            problems.add(item, field, "two numbers, two durations or two rates of one unit, low first; got [" + low + ", " + high + "]");
            return item;
        }
        values.add(path + "=" + drawn);
        return new ScalarNode(Tag.STR, true, drawn, ScalarStyle.PLAIN, generator.getStartMark(), generator.getEndMark());
    }

    /** A value in [low, high] of their kind, or null when they are not two values of one kind, low first. */
    private String drawBetween(String low, String high, SeededRandom random) {
        String suffix = rateSuffix(low);
        if (suffix != null && suffix.equals(rateSuffix(high))) {
            String n = drawBetween(low.substring(0, low.length() - 2), high.substring(0, high.length() - 2), random);
            return n == null ? null : n + suffix;
        }
        try {
            long x = Long.parseLong(low);
            long y = Long.parseLong(high);
            return x > y ? null : Long.toString(x + pick(y - x, random));
        } catch (NumberFormatException notWhole) {
            // not two whole numbers
        }
        try {
            double x = Double.parseDouble(low);
            double y = Double.parseDouble(high);
            if (!(x <= y) || Double.isInfinite(y)) {
                return null;
            }
            double v = mode.kind() == Mode.Kind.HIGH ? y : mode.kind() != Mode.Kind.RANDOM ? x : x + (y - x) * random.nextDouble();
            return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException notNumbers) {
            // not two numbers
        }
        try {
            long x = Durations.parseMicros(low);
            long y = Durations.parseMicros(high);
            if (x > y) {
                return null;
            }
            boolean wholeMillis = x % 1_000 == 0 && y % 1_000 == 0;
            long span = wholeMillis ? (y - x) / 1_000 : y - x;
            long v = x + pick(span, random) * (wholeMillis ? 1_000 : 1);
            return Durations.format(v);
        } catch (IllegalArgumentException notDurations) {
            return null;
        }
    }

    /** 0..span inclusive: drawn, or an end. */
    private long pick(long span, SeededRandom random) {
        return switch (mode.kind()) {
            case LOW, OPTION -> 0;
            case HIGH -> span;
            case RANDOM -> span == Long.MAX_VALUE ? random.nextLong() & Long.MAX_VALUE : (long) (random.nextDouble() * (span + 1));
        };
    }

    private static String rateSuffix(String text) {
        return text.endsWith("/s") || text.endsWith("/m") ? text.substring(text.length() - 2) : null;
    }

    private Node oneOf(Node item, String path) {
        String field = join(path, "one-of");
        if (!(item instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            problems.add(item, field, "a list of the values to choose from, at least one");
            return item;
        }
        int n = seq.getValue().size();
        int i = switch (mode.kind()) {
            case LOW -> 0;
            case HIGH -> n - 1;
            case OPTION -> Math.min(mode.option(), n - 1);
            case RANDOM -> random(path).nextInt(n);
        };
        Node chosen = walk(seq.getValue().get(i), path);
        values.add(path + "=" + (chosen instanceof ScalarNode s ? s.getValue() : "option " + (i + 1) + " of " + n));
        return chosen;
    }

    private boolean swarmOn(Node value, String field) {
        if (value instanceof ScalarNode s && (s.getValue().equals("true") || s.getValue().equals("false"))) {
            return s.getValue().equals("true");
        }
        problems.add(value, field, "true or false");
        return false;
    }

    /** The nemesis's kinds with each kept with probability one half, at least one. */
    private List<NodeTuple> swarmKinds(List<NodeTuple> tuples, String path) {
        List<NodeTuple> out = new ArrayList<>();
        for (NodeTuple t : tuples) {
            if (!key(t).equals("kinds") || !(t.getValueNode() instanceof SequenceNode kinds) || kinds.getValue().isEmpty()) {
                out.add(t);
                continue;
            }
            List<Node> all = kinds.getValue();
            List<Node> kept = new ArrayList<>();
            SeededRandom random = random(path);
            for (Node kind : all) {
                boolean keep = switch (mode.kind()) {
                    case LOW -> false;
                    case HIGH, OPTION -> true;
                    case RANDOM -> random.nextInt(2) == 0;
                };
                if (keep) {
                    kept.add(kind);
                }
            }
            if (kept.isEmpty()) {
                kept.add(all.get(mode.kind() == Mode.Kind.RANDOM ? random.nextInt(all.size()) : 0));
            }
            values.add(path + "=" + kept.stream().map(k -> k instanceof ScalarNode s ? s.getValue() : "?").toList());
            out.add(new NodeTuple(t.getKeyNode(), new SequenceNode(kinds.getTag(), true, kept, kinds.getFlowStyle(),
                    kinds.getStartMark(), kinds.getEndMark())));
        }
        return out;
    }

    private SeededRandom random(String path) {
        return new SeededRandom(mode.seed()).fork("draw/" + path);
    }

    /** {@code between} or {@code one-of} when the mapping is exactly one generator; else null. */
    private static String generator(MappingNode map) {
        if (map.getValue().size() != 1) {
            return null;
        }
        String key = key(map.getValue().get(0));
        return key.equals("between") || key.equals("one-of") ? key : null;
    }

    private static boolean hasKey(MappingNode map, String key) {
        return map.getValue().stream().anyMatch(t -> key(t).equals(key));
    }

    private static String key(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
