package io.mycel.node.pubsub.auth;

import io.mycel.node.pubsub.Topics;
import java.util.ArrayList;
import java.util.List;

/**
 * What one client may do with topics: rules that allow reading (subscribing and receiving),
 * writing (publishing) or both, and rules that deny. A publish is allowed when a write rule matches
 * its topic and no deny rule does; a subscription when a read rule covers its whole filter
 * ({@link Topics#covers}); a message reaches a subscriber unless a deny rule matches its topic. With
 * no rule, nothing is allowed.
 */
public final class TopicAcl {

    public enum Access { READ, WRITE, READWRITE, DENY }

    /** One rule: an access and the topic filter it is about. */
    public record Rule(Access access, String filter) {
        public Rule {
            if (!Topics.validFilter(filter)) {
                throw new IllegalArgumentException("not a topic filter: '" + filter + "'");
            }
        }
    }

    /** Everything allowed: what a client gets where no access rules are configured. */
    public static final TopicAcl ALLOW_ALL = new TopicAcl(List.of(new Rule(Access.READWRITE, "#"),
            new Rule(Access.READWRITE, "$SYS/#")));

    private final List<Rule> rules;
    private final String[] reads;
    private final String[] writes;
    private final String[] denials;

    public TopicAcl(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        List<String> r = new ArrayList<>();
        List<String> w = new ArrayList<>();
        List<String> d = new ArrayList<>();
        for (Rule rule : rules) {
            switch (rule.access()) {
                case READ -> r.add(rule.filter());
                case WRITE -> w.add(rule.filter());
                case READWRITE -> {
                    r.add(rule.filter());
                    w.add(rule.filter());
                }
                case DENY -> d.add(rule.filter());
                default -> throw new IllegalStateException("unhandled " + rule.access());
            }
        }
        this.reads = r.toArray(String[]::new);
        this.writes = w.toArray(String[]::new);
        this.denials = d.toArray(String[]::new);
    }

    public List<Rule> rules() {
        return rules;
    }

    public boolean mayPublish(String topic) {
        return anyMatches(writes, topic) && !anyMatches(denials, topic);
    }

    public boolean maySubscribe(String filter) {
        for (String read : reads) {
            if (Topics.covers(read, filter)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a message on {@code topic} may reach this client through a subscription it was
     * allowed: false only where a deny rule matches, so brokers ask only when {@link #hasDenials}.
     */
    public boolean mayReceive(String topic) {
        return !anyMatches(denials, topic);
    }

    public boolean hasDenials() {
        return denials.length > 0;
    }

    private static boolean anyMatches(String[] filters, String topic) {
        for (String f : filters) {
            if (Topics.matches(f, topic)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return rules.toString();
    }
}
