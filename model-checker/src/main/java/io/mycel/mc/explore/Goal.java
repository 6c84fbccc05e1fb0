package io.mycel.mc.explore;

import io.mycel.mc.system.McSystem;
import java.util.function.Predicate;

/**
 * A state the exploration should be able to reach (a leader elected, every operation answered): a
 * report says whether it was reached and how soon, which shows that passing the invariants was not
 * for want of getting anywhere.
 */
public record Goal(String name, Predicate<McSystem> reached) {
}
