package io.mycel.sim;

import io.mycel.node.api.TimerId;

/** A timer of one incarnation of a node; stale once the node crashed or the timer was cancelled. */
final class TimerFire extends Event {

    final SimNode node;
    final int incarnation;
    final TimerId timer;
    /** Set when the node cancels the timer; it is then out of the timer table (see {@link TimerTable}). */
    boolean cancelled;

    TimerFire(SimNode node, int incarnation, TimerId timer) {
        this.node = node;
        this.incarnation = incarnation;
        this.timer = timer;
    }


    @Override
    void fire(Simulation sim) {
        sim.fireTimer(this);
    }
}
