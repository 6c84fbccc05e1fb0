package io.mycel.sim;

/** Something that happens at one instant of virtual time. */
abstract class Event {

    /** Next event in the same time slot of the {@link EventQueue}'s wheel; owned by the queue. */
    Event next;

    /** The node this event runs on, or null for lab-side actions (faults, workload). */
    abstract SimNode node();

    abstract void fire(Simulation sim);
}
