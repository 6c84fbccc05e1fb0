package io.mycel.check.format;

import io.mycel.check.HistoryFileException;
import clojure.java.api.Clojure;
import clojure.lang.IFn;
import clojure.lang.Keyword;
import clojure.lang.LineNumberingPushbackReader;
import io.mycel.check.History;
import io.mycel.check.MalformedHistoryException;
import io.mycel.check.Op;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Jepsen's EDN history form, read with Clojure's own EDN reader ({@code clojure.edn/read}) through
 * its Java API, so every corner of EDN (comments, tagged literals, odd whitespace) reads exactly as
 * Jepsen wrote it. A file is either one vector or list of operation maps, or operation maps one
 * after another. Each map needs {@code :process}, {@code :type} and {@code :f}; {@code :value},
 * {@code :key}, {@code :time} (nanoseconds) and {@code :node} are optional. Operations of processes
 * that are not numbers (Jepsen's {@code :nemesis}) are skipped: they are not client operations.
 */
public final class EdnHistory {

    private static final Object EOF = new Object();
    private static final Pattern KEYWORD_NAME = Pattern.compile("[a-zA-Z*+!_?<>=-][a-zA-Z0-9*+!_?<>=.-]*");

    private EdnHistory() {
    }

    /** Clojure's reader, loaded once; loading clojure.core takes the better part of a second. */
    private static final class ClojureEdn {
        static final IFn READ;
        static final Object OPTIONS;

        static {
            Clojure.var("clojure.core", "require").invoke(Clojure.read("clojure.edn"));
            READ = Clojure.var("clojure.edn", "read");
            OPTIONS = Clojure.var("clojure.core", "hash-map").invoke(Keyword.intern("eof"), EOF);
        }
    }

    public static LoadedHistory read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file, in);
        }
    }

    static LoadedHistory read(Path file, Reader source) throws IOException {
        LineNumberingPushbackReader in = new LineNumberingPushbackReader(source);
        List<Op> ops = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int skipped = 0;
        int open = skipSpace(in);
        boolean collection = open == '[' || open == '(';
        if (collection) {
            in.read();
        }
        char close = open == '[' ? ']' : ')';
        while (true) {
            int next = skipSpace(in);
            if (next == -1) {
                if (collection) {
                    throw new HistoryFileException(file, in.getLineNumber(), "expected '" + close
                            + "' to close the history, found the end of the file");
                }
                break;
            }
            if (collection && next == close) {
                in.read();
                if (skipSpace(in) != -1) {
                    throw new HistoryFileException(file, in.getLineNumber(), "expected the end of the file after '"
                            + close + "'");
                }
                break;
            }
            int line = in.getLineNumber();
            Object form = readForm(file, in);
            if (!(form instanceof Map<?, ?> map)) {
                throw new HistoryFileException(file, line, "expected an operation map like {:process 0, :type :invoke, "
                        + ":f :read, :value nil}, found " + describe(form));
            }
            try {
                Op op = OpParts.fromEdn(map, ops.size());
                if (op == null) {
                    skipped++;
                } else {
                    ops.add(op);
                    lines.add(line);
                }
            } catch (IllegalArgumentException e) {
                throw new HistoryFileException(file, line, e.getMessage());
            }
        }
        return build(file, HistoryFormat.EDN, ops, lines, skipped);
    }

    static LoadedHistory build(Path file, HistoryFormat format, List<Op> ops, List<Integer> lines, int skipped)
            throws HistoryFileException {
        if (ops.isEmpty() && skipped == 0) {
            throw new HistoryFileException(file, 0, "no operations found; expected operation maps like "
                    + "{:process 0, :type :invoke, :f :read, :value nil}");
        }
        int[] lineArray = lines.stream().mapToInt(Integer::intValue).toArray();
        try {
            return new LoadedHistory(file, format, new History(ops), lineArray, skipped);
        } catch (MalformedHistoryException e) {
            throw new HistoryFileException(file, lineArray[e.position()], e.getMessage());
        }
    }

    private static Object readForm(Path file, LineNumberingPushbackReader in) throws HistoryFileException {
        try {
            return ClojureEdn.READ.invoke(ClojureEdn.OPTIONS, in);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            throw new HistoryFileException(file, in.getLineNumber(), "not valid EDN: " + cause.getMessage());
        }
    }

    /**
     * One EDN value from text, as a plain value (nil, a number, a string, a list): for command-line
     * arguments such as a register's initial value.
     *
     * @throws IllegalArgumentException when the text is not one EDN value
     */
    public static Object parseValue(String text) {
        try {
            return Values.plain(readValue(text));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an EDN value: " + text);
        }
    }

    /** Reads one EDN value from text; used for the value column of Jepsen's log lines. */
    static Object readValue(String text) {
        Object value = ClojureEdn.READ.invoke(ClojureEdn.OPTIONS,
                new LineNumberingPushbackReader(new java.io.StringReader(text)));
        return value == EOF ? null : value;
    }

    /** Skips whitespace, commas and {@code ;} comments; returns the next character without consuming it. */
    private static int skipSpace(LineNumberingPushbackReader in) throws IOException {
        while (true) {
            int c = in.read();
            if (c == -1) {
                return -1;
            }
            if (c == ';') {
                while (c != -1 && c != '\n') {
                    c = in.read();
                }
                continue;
            }
            if (!Character.isWhitespace(c) && c != ',') {
                in.unread(c);
                return c;
            }
        }
    }

    private static String describe(Object form) {
        String text = form == null ? "nil" : form.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    /** Writes a history in Jepsen's EDN form, one operation map a line inside a vector. */
    public static void write(History history, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(history, out);
        }
    }

    public static void write(History history, Writer out) throws IOException {
        List<Op> ops = history.ops();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            StringBuilder line = new StringBuilder(i == 0 ? "[" : " ");
            line.append("{:process ").append(op.process());
            line.append(", :type :").append(op.type().jsonName());
            line.append(", :f ");
            appendName(line, op.f());
            if (op.key() != null) {
                line.append(", :key ");
                appendValue(line, op.key());
            }
            line.append(", :value ");
            appendValue(line, op.value());
            line.append(", :time ").append(op.timeMicros() * 1000);
            line.append(", :index ").append(op.index());
            if (op.node() != null) {
                line.append(", :node ");
                appendValue(line, op.node());
            }
            line.append('}');
            line.append(i == ops.size() - 1 ? "]\n" : "\n");
            out.write(line.toString());
        }
        if (ops.isEmpty()) {
            out.write("[]\n");
        }
    }

    private static void appendName(StringBuilder out, String name) {
        if (KEYWORD_NAME.matcher(name).matches()) {
            out.append(':').append(name);
        } else {
            appendValue(out, name);
        }
    }

    private static void appendValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("nil");
        } else if (value instanceof String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(c);
                }
            }
            out.append('"');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                appendValue(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof Double d) {
            out.append(d.isNaN() || d.isInfinite() ? "##" + (d.isNaN() ? "NaN" : d > 0 ? "Inf" : "-Inf")
                    : String.format(Locale.ROOT, "%s", d));
        } else {
            out.append(value);
        }
    }
}
