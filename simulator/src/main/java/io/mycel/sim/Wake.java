package io.mycel.sim;

/** The end of a node's sleep; stale if the node crashed (another incarnation) meanwhile. */
final class Wake extends Event {

    final SimNode node;
    final long incarnation;

    Wake(SimNode node, long incarnation) {
        this.node = node;
        this.incarnation = incarnation;
    }

    @Override
    void fire(Simulation sim) {
        sim.wake(node, incarnation);
    }
}
