package io.mycel.mc.system;

/**
 * A property that failed in a state: an invariant of the program, a check of the scenario, or node
 * code that threw.
 */
public record Violation(String property, String message) {
}
