package io.mycel.sim;

/** Something that happens at one instant of virtual time. */
abstract class Event {

    /** The node this event runs on, or null for lab-side actions (faults, workload). */
    abstract SimNode node();

    abstract void fire(Simulation sim);
}
