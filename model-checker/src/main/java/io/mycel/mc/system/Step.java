package io.mycel.mc.system;

/**
 * One move of the explored system. Messages are named by their sequence number along the path and
 * actors by their index (servers first, then clients), so a step means the same thing whenever the
 * path to its state is replayed.
 */
public sealed interface Step {

    /** The actor the step acts on: steps on different actors commute. */
    int actor(McSystem system);

    /** Hands a message in flight to its addressee (lost if the addressee is down). */
    record Deliver(long seq) implements Step {
        @Override
        public int actor(McSystem system) {
            return system.actorIndex(system.envelope(seq).to());
        }
    }

    /** The network loses a message in flight. */
    record Drop(long seq) implements Step {
        @Override
        public int actor(McSystem system) {
            return system.actorIndex(system.envelope(seq).to());
        }
    }

    /** The network delivers a message in flight twice: a copy joins it in flight. */
    record Duplicate(long seq) implements Step {
        @Override
        public int actor(McSystem system) {
            return system.actorIndex(system.envelope(seq).to());
        }
    }

    /** An actor's earliest pending timer fires; the actor's clock moves to its deadline. */
    record Fire(int actor, long timerId) implements Step {
        @Override
        public int actor(McSystem system) {
            return actor;
        }
    }

    /** A server crashes: its volatile state, its timers and its unsynced writes are lost. */
    record Crash(int actor) implements Step {
        @Override
        public int actor(McSystem system) {
            return actor;
        }
    }

    /** A crashed server starts again from what it had synced. */
    record Restart(int actor) implements Step {
        @Override
        public int actor(McSystem system) {
            return actor;
        }
    }
}
