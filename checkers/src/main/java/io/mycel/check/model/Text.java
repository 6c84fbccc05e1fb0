package io.mycel.check.model;

/**
 * A string built by appends, as the key-value model's state: each append makes a new node pointing
 * at the old one, so a step costs the appended part, not the whole string, and the states of a
 * search share their common prefixes. A polynomial hash (mod 2^64) is kept up to date, so unequal
 * states are told apart in O(1); equal hashes are confirmed character by character.
 */
final class Text {

    private static final long BASE = 0x100000001B3L;

    private final Text parent;
    private final String tail;
    private final int length;
    private final long hash;
    private final long power;

    private Text(Text parent, String tail, int length, long hash, long power) {
        this.parent = parent;
        this.tail = tail;
        this.length = length;
        this.hash = hash;
        this.power = power;
    }

    static Text of(String text) {
        return new Text(null, text, text.length(), hash(text), power(text.length()));
    }

    Text append(String more, long moreHash, long morePower) {
        return new Text(this, more, length + more.length(), hash * morePower + moreHash, power * morePower);
    }

    static long hash(String text) {
        long h = 0;
        for (int i = 0; i < text.length(); i++) {
            h = h * BASE + text.charAt(i);
        }
        return h;
    }

    static long power(int length) {
        long p = 1;
        long b = BASE;
        for (int e = length; e > 0; e >>= 1) {
            if ((e & 1) != 0) {
                p *= b;
            }
            b *= b;
        }
        return p;
    }

    int length() {
        return length;
    }

    /** Whether this is exactly {@code text}, whose hash the caller computed once. */
    boolean sameAs(String text, long textHash) {
        if (length != text.length() || hash != textHash) {
            return false;
        }
        int end = length;
        for (Text t = this; t != null; t = t.parent) {
            int start = end - t.tail.length();
            if (!text.regionMatches(start, t.tail, 0, t.tail.length())) {
                return false;
            }
            end = start;
        }
        return true;
    }

    /**
     * False when this is certainly not a prefix of {@code text}: too long, or its last part is not
     * where it would have to be. True does not promise a prefix; it is a cheap filter for pruning.
     */
    boolean mayPrefix(String text) {
        return length <= text.length() && text.regionMatches(length - tail.length(), tail, 0, tail.length());
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Text that) || that.length != length || that.hash != hash) {
            return false;
        }
        // States reached by different paths usually share nodes or repeat the same parts: walk
        // both chains while the parts match, and compare characters only if they stop matching.
        Text a = this;
        Text b = that;
        while (a != b && a != null && b != null && a.tail.equals(b.tail)) {
            a = a.parent;
            b = b.parent;
        }
        return a == b || toString().equals(that.toString());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(length);
        String[] parts = new String[depth()];
        int i = parts.length;
        for (Text t = this; t != null; t = t.parent) {
            parts[--i] = t.tail;
        }
        for (String part : parts) {
            out.append(part);
        }
        return out.toString();
    }

    private int depth() {
        int depth = 0;
        for (Text t = this; t != null; t = t.parent) {
            depth++;
        }
        return depth;
    }
}
