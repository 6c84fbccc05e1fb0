package io.mycel.mc.system;

import io.mycel.node.api.TimerId;

/** A timer set and not yet fired or cancelled, due at {@code deadline} on its actor's clock. */
record PendingTimer(TimerId id, long deadline) {
}
