package io.mycel.check.format;

/** The forms of history files the checkers read. */
public enum HistoryFormat {
    /** The lab's own: JSON Lines, one operation a line (see {@link io.mycel.check.HistoryJson}). */
    JSON,
    /** Jepsen's EDN: a vector or list of operation maps, or one map a line. */
    EDN,
    /** Jepsen's log lines: {@code INFO  jepsen.util - PROCESS<tab>:TYPE<tab>:F<tab>VALUE}. */
    JEPSEN_LOG;
}
