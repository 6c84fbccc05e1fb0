package io.mycel.node.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RaftLogTest {

    private static LogEntry entry(long index, long term) {
        return LogEntry.command(index, term, new byte[] {(byte) index});
    }

    private static RaftLog logOf(long... terms) {
        RaftLog log = new RaftLog();
        for (int i = 0; i < terms.length; i++) {
            log.append(entry(i + 1, terms[i]));
        }
        return log;
    }

    @Test
    void anEmptyLogEndsAtIndexZeroTermZero() {
        RaftLog log = new RaftLog();
        assertEquals(0, log.lastIndex());
        assertEquals(0, log.lastTerm());
        assertTrue(log.hasTermAt(0));
        assertEquals(0, log.termAt(0));
    }

    @Test
    void appendsOnlyTheNextIndexAndNeverAnEarlierTerm() {
        RaftLog log = logOf(1, 2);
        assertThrows(IllegalStateException.class, () -> log.append(entry(4, 2)));
        assertThrows(IllegalStateException.class, () -> log.append(entry(3, 1)));
    }

    @Test
    void truncationRemovesTheSuffixAndIsCounted() {
        RaftLog log = logOf(1, 1, 2, 2);
        log.truncateFrom(3);
        assertEquals(2, log.lastIndex());
        assertEquals(1, log.truncations());
        assertEquals(3, log.lastTruncatedIndex());
        log.truncateFrom(9);   // nothing there: not a truncation
        assertEquals(1, log.truncations());
    }

    @Test
    void compactingKeepsTheSuffixWhenTheBoundaryEntryMatches() {
        RaftLog log = logOf(1, 1, 2, 3);
        log.compactTo(2, 1);
        assertEquals(2, log.snapshotIndex());
        assertEquals(4, log.lastIndex());
        assertEquals(3, log.termAt(4));
        assertEquals(1, log.termAt(2));
        assertFalse(log.hasTermAt(1));
        assertThrows(IllegalArgumentException.class, () -> log.entry(2));
        assertEquals(List.of(entry(3, 2), entry(4, 3)), log.slice(3, 10));
        assertEquals(0, log.truncations());
    }

    @Test
    void compactingToAnEntryItDoesNotHoldDropsTheWholeLog() {
        RaftLog log = logOf(1, 1, 2);
        log.compactTo(2, 5);   // a leader's snapshot whose entry 2 has another term
        assertEquals(2, log.lastIndex());
        assertEquals(5, log.lastTerm());
        assertEquals(1, log.truncations());
        log.compactTo(10, 6);
        assertEquals(10, log.lastIndex());
    }

    @Test
    void upToDateComparesLastTermFirstThenLength() {
        RaftLog log = logOf(1, 2, 2);
        assertTrue(log.isUpToDate(1, 3));
        assertTrue(log.isUpToDate(3, 2));
        assertFalse(log.isUpToDate(2, 2));
        assertFalse(log.isUpToDate(9, 1));
    }
}
