package io.mycel.check.format;

import io.mycel.check.HistoryFileException;
import clojure.lang.Keyword;
import io.mycel.check.Op;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jepsen's log-line form, as older Jepsen tests printed histories through {@code jepsen.util}:
 * {@code INFO  jepsen.util - 3	:invoke	:cas	[1 4]}. Lines from other loggers are skipped; a
 * {@code jepsen.util} line that is not an operation is an error.
 */
public final class JepsenLog {

    private static final String MARK = "jepsen.util - ";
    private static final Pattern OPERATION = Pattern.compile("(\\S+)\\t(\\S+)\\t(\\S+)(?:\\t(.*))?");

    private JepsenLog() {
    }

    public static LoadedHistory read(Path file) throws IOException {
        List<Op> ops = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int skipped = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            while ((text = in.readLine()) != null) {
                line++;
                int at = text.indexOf(MARK);
                if (at < 0) {
                    continue;
                }
                Matcher m = OPERATION.matcher(text.substring(at + MARK.length()));
                if (!m.matches()) {
                    throw new HistoryFileException(file, line, "expected PROCESS<tab>:TYPE<tab>:F<tab>VALUE after '"
                            + MARK.trim() + "'");
                }
                if (!m.group(1).matches("-?\\d+")) {
                    skipped++;
                    continue;
                }
                try {
                    Op.Type type = OpParts.type(Keyword.intern(stripColon(m.group(2))));
                    if (!m.group(3).startsWith(":")) {
                        throw new IllegalArgumentException("expected the operation's name as a keyword, like :read, found "
                                + m.group(3));
                    }
                    Object value = m.group(4) == null ? null : Values.plain(EdnHistory.readValue(m.group(4)));
                    int position = ops.size();
                    ops.add(new Op(position, Long.parseLong(m.group(1)), type, stripColon(m.group(3)), value, position,
                            null, false));
                    lines.add(line);
                } catch (RuntimeException e) {
                    throw new HistoryFileException(file, line, e.getMessage());
                }
            }
        }
        return EdnHistory.build(file, HistoryFormat.JEPSEN_LOG, ops, lines, skipped);
    }

    private static String stripColon(String keyword) {
        return keyword.startsWith(":") ? keyword.substring(1) : keyword;
    }
}
