package io.mycel.sim;

/** A time a node's energy supply asked to be checked at; stale once a newer check was scheduled. */
final class EnergyCheck extends Event {

    final SimNode node;
    final long generation;

    EnergyCheck(SimNode node, long generation) {
        this.node = node;
        this.generation = generation;
    }

    @Override
    void fire(Simulation sim) {
        sim.checkEnergy(this);
    }
}
