package io.mycel.check.format;

import io.mycel.check.History;
import java.nio.file.Path;

/**
 * A history read from a file, with where each of its operations came from, so evidence can name
 * lines a person can open.
 *
 * @param lines the source line of each entry of {@code history.ops()}, by position
 * @param skipped entries that were not client operations (a nemesis's, for instance) and were left out
 */
public record LoadedHistory(Path file, HistoryFormat format, History history, int[] lines, int skipped) {

    /** The line the entry at this position came from. */
    public int lineOf(int position) {
        return position >= 0 && position < lines.length ? lines[position] : 0;
    }
}
