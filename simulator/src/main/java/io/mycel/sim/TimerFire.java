package io.mycel.sim;

import io.mycel.node.api.TimerId;

/** A timer of one incarnation of a node; stale once the node crashed or the timer was cancelled. */
final class TimerFire extends Event {

    final SimNode node;
    final int incarnation;
    final TimerId timer;

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
