package io.mycel.check;

/** A check's answer. Unknown means the check could not decide (no data, or over its budget). */
public enum Verdict {
    PASS, FAIL, UNKNOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The worse of two verdicts: fail over unknown over pass. */
    public Verdict and(Verdict other) {
        if (this == FAIL || other == FAIL) {
            return FAIL;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : PASS;
    }
}
