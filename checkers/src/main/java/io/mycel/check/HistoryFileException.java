package io.mycel.check;

import java.io.IOException;
import java.nio.file.Path;

/** A history file that cannot be read, with the line at fault: {@code file:line: what was expected}. */
public final class HistoryFileException extends IOException {

    private final Path file;
    private final int line;
    private final String problem;

    public HistoryFileException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    /** The line at fault, from 1, or 0 when the problem is the whole file. */
    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
