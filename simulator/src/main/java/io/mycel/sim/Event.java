package io.mycel.sim;

/** Something that happens at one instant of virtual time. */
abstract class Event {

    /** Next event in the same time slot of the {@link EventQueue}'s wheel; owned by the queue. */
    Event next;

    abstract void fire(Simulation sim);
}
