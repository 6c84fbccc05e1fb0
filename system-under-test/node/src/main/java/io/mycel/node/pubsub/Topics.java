package io.mycel.node.pubsub;

/**
 * MQTT topic names and topic filters: what is valid, and which names a filter matches. Levels are
 * separated by {@code /}; in a filter, {@code +} stands for exactly one level and {@code #}, last,
 * for any number of levels including none (so {@code a/#} matches {@code a}). Names starting with
 * {@code $} are the broker's own and are matched by no filter that starts with a wildcard.
 */
public final class Topics {

    /** The longest name or filter, in UTF-8 bytes: MQTT's strings have a 2-byte length. */
    public static final int MAX_LENGTH = 65_535;

    private Topics() {
    }

    /** Whether {@code name} may be published to: not empty, no wildcard, no NUL, not too long. */
    public static boolean validName(String name) {
        if (name == null || name.isEmpty() || utf8Length(name) > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '+' || c == '#' || c == 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code filter} may be subscribed to: wildcards only as whole levels, {@code #} only last. */
    public static boolean validFilter(String filter) {
        if (filter == null || filter.isEmpty() || utf8Length(filter) > MAX_LENGTH) {
            return false;
        }
        int n = filter.length();
        for (int i = 0; i < n; i++) {
            char c = filter.charAt(i);
            boolean levelStart = i == 0 || filter.charAt(i - 1) == '/';
            boolean levelEnd = i == n - 1 || filter.charAt(i + 1) == '/';
            if (c == 0 || ((c == '+' || c == '#') && !(levelStart && levelEnd)) || (c == '#' && i != n - 1)) {
                return false;
            }
        }
        return true;
    }

    /** A shared subscription ({@code $share/GROUP/filter}), which this broker does not offer. */
    public static boolean shared(String filter) {
        return filter.startsWith("$share/");
    }

    /** Whether {@code filter} matches {@code name}; both are valid. Allocates nothing. */
    public static boolean matches(String filter, String name) {
        if (name.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        int f = 0;
        int t = 0;
        int fn = filter.length();
        int tn = name.length();
        while (f < fn) {
            char c = filter.charAt(f);
            if (c == '#') {
                return true;   // the rest of the name, however many levels (valid filters have it last)
            }
            if (c == '+') {
                if (t > tn) {
                    return false;   // the name has no level left for the '+'
                }
                while (t < tn && name.charAt(t) != '/') {
                    t++;
                }
                f++;
            } else {
                // A literal level: compare up to the next separator.
                while (f < fn && filter.charAt(f) != '/') {
                    if (t >= tn || name.charAt(t) != filter.charAt(f)) {
                        return false;
                    }
                    f++;
                    t++;
                }
                if (t < tn && name.charAt(t) != '/') {
                    return false;   // the name's level is longer
                }
            }
            // Both at the end of a level: at a separator, or at the end.
            if (f == fn) {
                return t == tn;
            }
            // filter[f] == '/'
            f++;
            if (t == tn) {
                // The name ended; only "/#" may still match (a/# matches a).
                return f < fn && filter.charAt(f) == '#';
            }
            t++;   // skip the name's separator
            if (t == tn && f == fn) {
                return true;
            }
        }
        return t >= tn && f == fn;
    }

    /**
     * Whether every name that {@code filter} matches is matched by {@code rule} too (both valid
     * filters): how an access rule is held against a subscription. Compared level by level: a
     * {@code #} in the rule covers the rest; a {@code +} covers any one level but not a {@code #};
     * a literal covers only itself. A {@code $} name is matched by no rule that starts with a
     * wildcard, so such a rule covers no filter that starts with {@code $}.
     */
    public static boolean covers(String rule, String filter) {
        if (filter.startsWith("$") && (rule.startsWith("+") || rule.startsWith("#"))) {
            return false;
        }
        String[] r = rule.split("/", -1);
        String[] f = filter.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (i >= r.length) {
                return false;   // the filter reaches deeper than the rule
            }
            if (r[i].equals("#")) {
                return true;
            }
            if (f[i].equals("#")) {
                // f/# matches f itself and everything below: only a rule ending in # covers that;
                // a lone # matches names of one level or more, which +/# matches too.
                return i == 0 && r.length == 2 && r[0].equals("+") && r[1].equals("#");
            }
            if (!r[i].equals("+") && (f[i].equals("+") || !r[i].equals(f[i]))) {
                return false;
            }
        }
        // Every level of the filter is covered; a longer rule still covers when what is left is "#"
        // (a/# matches a).
        return r.length == f.length || (r.length == f.length + 1 && r[f.length].equals("#"));
    }

    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
