package io.mycel.hil;

/** The content of a node's clock file, which its runtime reads to skew its clock: offset and drift. */
final class ClockFile {

    private ClockFile() {
    }

    static String render(long offsetMicros, long driftPpm) {
        return offsetMicros + " " + driftPpm + "\n";
    }
}
