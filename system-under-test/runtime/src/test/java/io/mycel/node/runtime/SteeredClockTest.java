package io.mycel.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's steered clock: offsets jump it, drift speeds it, and it never reads below itself. */
class SteeredClockTest {

    @TempDir
    Path dir;

    @Test
    void followsItsFileWithoutEverGoingBack() throws Exception {
        Path file = dir.resolve("clock");
        SteeredClock clock = new SteeredClock(file);
        assertEquals(SteeredClock.wallMicros(), clock.nowMicros(), 50_000, "no file: the wall clock");

        Files.writeString(file, "5000000 0\n");
        Thread.sleep(SteeredClock.REREAD_MICROS / 1_000 + 20);
        assertEquals(SteeredClock.wallMicros() + 5_000_000, clock.nowMicros(), 50_000, "5 s ahead");

        Files.writeString(file, "-5000000 0\n");
        long before = clock.nowMicros();
        Thread.sleep(SteeredClock.REREAD_MICROS / 1_000 + 20);
        long held = clock.nowMicros();
        assertTrue(held >= before, "set back, it holds still instead of going back");
        assertTrue(held < before + 200_000, "and does not run on meanwhile");

        Files.writeString(file, "0 200000\n");   // caught up with true time, then 20% fast
        Thread.sleep(SteeredClock.REREAD_MICROS / 1_000 + 20);
        long wallStart = SteeredClock.wallMicros();
        long start = clock.nowMicros();
        Thread.sleep(500);
        long advanced = clock.nowMicros() - start;
        long wallAdvanced = SteeredClock.wallMicros() - wallStart;
        assertTrue(start >= held, "never below an earlier reading");
        // From a held clock, readings stay at the held value until the drifting wall passes it; then 1.2x.
        assertTrue(advanced <= wallAdvanced * 1.2 + 20_000, "no faster than 20% fast: " + advanced + " in " + wallAdvanced);
    }

    @Test
    void driftRunsTheClockFast() throws Exception {
        Path file = dir.resolve("clock");
        Files.writeString(file, "0 200000\n");
        SteeredClock clock = new SteeredClock(file);
        long start = clock.nowMicros();
        long wallStart = SteeredClock.wallMicros();
        Thread.sleep(500);
        long advanced = clock.nowMicros() - start;
        long wallAdvanced = SteeredClock.wallMicros() - wallStart;
        assertEquals(wallAdvanced * 1.2, advanced, 20_000, "20% fast");
    }
}
