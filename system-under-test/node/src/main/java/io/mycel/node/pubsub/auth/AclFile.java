package io.mycel.node.pubsub.auth;

import io.mycel.node.pubsub.Topics;
import io.mycel.node.pubsub.auth.TopicAcl.Access;
import io.mycel.node.pubsub.auth.TopicAcl.Rule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Topic access rules in Mosquitto's {@code acl_file} format, so a file written for Mosquitto works
 * unchanged:
 *
 * <pre>
 * # before any 'user' line: rules for clients that gave no user name
 * topic read public/#
 * user alice
 * topic readwrite sensors/alice/#      # access is read, write, readwrite (the default) or deny
 * pattern write devices/%c/status      # for every client: %c its client id, %u its user name
 * </pre>
 *
 * A pattern is applied only where its substitutions are plain topic levels: a client id or user
 * name with {@code +}, {@code #} or {@code /} in it would widen the rule, so such a client does not
 * get that rule, and a pattern with {@code %u} does not apply to a client without a user name.
 */
public final class AclFile {

    private final List<Rule> anonymous;
    private final TreeMap<String, List<Rule>> byUser;
    private final List<Rule> patterns;

    private AclFile(List<Rule> anonymous, TreeMap<String, List<Rule>> byUser, List<Rule> patterns) {
        this.anonymous = anonymous;
        this.byUser = byUser;
        this.patterns = patterns;
    }

    /** @throws IllegalArgumentException naming the file, the line and what was expected */
    public static AclFile read(Path file) {
        return parse(file.toString(), ConfigFiles.lines(file, "the ACL file"));
    }

    public static AclFile parse(String source, List<String> lines) {
        List<Rule> anonymous = new ArrayList<>();
        TreeMap<String, List<Rule>> byUser = new TreeMap<>();
        List<Rule> patterns = new ArrayList<>();
        List<Rule> current = anonymous;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            String[] words = line.split("\\s+", 2);
            String rest = words.length > 1 ? words[1] : "";
            switch (words[0]) {
                case "user" -> {
                    if (rest.isEmpty()) {
                        throw new IllegalArgumentException(where + "expected 'user NAME', got '" + line + "'");
                    }
                    current = byUser.computeIfAbsent(rest, u -> new ArrayList<>());
                }
                case "topic" -> current.add(rule(where, rest));
                case "pattern" -> patterns.add(rule(where, rest));
                default -> throw new IllegalArgumentException(where + "expected 'user NAME', 'topic [read|write|readwrite|deny] "
                        + "FILTER' or 'pattern [read|write|readwrite|deny] FILTER', got '" + line + "'");
            }
        }
        return new AclFile(List.copyOf(anonymous), byUser, List.copyOf(patterns));
    }

    /** The rules for a client: its user's (or the anonymous ones), then the patterns that apply to it. */
    public TopicAcl forClient(String username, String clientId) {
        List<Rule> rules = new ArrayList<>(username == null ? anonymous : byUser.getOrDefault(username, List.of()));
        for (Rule pattern : patterns) {
            String filter = pattern.filter();
            if ((filter.contains("%u") && !plainLevel(username)) || (filter.contains("%c") && !plainLevel(clientId))) {
                continue;
            }
            filter = filter.replace("%u", username == null ? "" : username).replace("%c", clientId);
            if (Topics.validFilter(filter)) {
                rules.add(new Rule(pattern.access(), filter));
            }
        }
        return new TopicAcl(rules);
    }

    private static boolean plainLevel(String s) {
        return s != null && !s.isEmpty() && s.indexOf('+') < 0 && s.indexOf('#') < 0 && s.indexOf('/') < 0;
    }

    private static Rule rule(String where, String rest) {
        String[] words = rest.split("\\s+", 2);
        Access access = switch (words[0]) {
            case "read" -> Access.READ;
            case "write" -> Access.WRITE;
            case "readwrite" -> Access.READWRITE;
            case "deny" -> Access.DENY;
            default -> null;
        };
        String filter = access == null ? rest : words.length > 1 ? words[1].strip() : "";
        if (access == null) {
            access = Access.READWRITE;
        }
        if (!Topics.validFilter(filter)) {
            throw new IllegalArgumentException(where + "expected a topic filter (levels separated by '/', '+' for one level, "
                    + "'#' last for the rest), got '" + filter + "'");
        }
        return new Rule(access, filter);
    }
}
