package io.mycel.sim;

/** A lab-side action at a given time: a fault, a workload step, a phase change. */
final class Action extends Event {

    private final Runnable body;

    Action(Runnable body) {
        this.body = body;
    }


    @Override
    void fire(Simulation sim) {
        body.run();
    }
}
