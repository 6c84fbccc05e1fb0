package io.mycel.node.api;

import java.util.function.Supplier;

/**
 * An invariant a program offers under a name, which a scenario lists among its checks.
 *
 * @param factory a fresh instance per run, since an invariant may remember earlier states
 */
public record NamedInvariant(String name, String description, Supplier<Invariant> factory) {
}
