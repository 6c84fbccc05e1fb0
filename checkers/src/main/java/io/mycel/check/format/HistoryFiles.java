package io.mycel.check.format;

import io.mycel.check.HistoryFileException;
import io.mycel.check.HistoryJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a history file in any form the checkers know, telling the form from the file's content. */
public final class HistoryFiles {

    private HistoryFiles() {
    }

    public static LoadedHistory read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new HistoryFileException(file, 0, "no such file");
        }
        HistoryFormat format = detect(file);
        return switch (format) {
            case JSON -> {
                HistoryJson.Lines read = HistoryJson.readWithLines(file);
                yield new LoadedHistory(file, format, read.history(), read.lines(), 0);
            }
            case EDN -> EdnHistory.read(file);
            case JEPSEN_LOG -> JepsenLog.read(file);
        };
    }

    /**
     * The form of a file, from its first meaningful line: {@code {"} starts JSON, {@code jepsen.util}
     * marks the log form, anything else is taken as EDN (whose reader then says what it expected).
     */
    public static HistoryFormat detect(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith(";")) {
                    continue;
                }
                if (text.contains("jepsen.util")) {
                    return HistoryFormat.JEPSEN_LOG;
                }
                return text.startsWith("{\"") ? HistoryFormat.JSON : HistoryFormat.EDN;
            }
        }
        throw new HistoryFileException(file, 0, "the file is empty; expected a history");
    }
}
