package io.mycel.mc.system;

/**
 * How many faults a path may hold: crashes (each crashed server may restart later, as a step of its
 * own), message drops and message duplications. Zero keeps the network reliable and nodes up.
 */
public record FaultBudget(int crashes, int drops, int duplicates) {
    public static final FaultBudget NONE = new FaultBudget(0, 0, 0);

    public FaultBudget {
        if (crashes < 0 || drops < 0 || duplicates < 0) {
            throw new IllegalArgumentException("fault budgets are counts, at least 0");
        }
    }
}
