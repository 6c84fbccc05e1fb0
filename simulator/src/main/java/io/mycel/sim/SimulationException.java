package io.mycel.sim;

/** Node code threw, or the simulation hit a bound: the run cannot go on and is reported as an error. */
public final class SimulationException extends RuntimeException {

    public SimulationException(String message, Throwable cause) {
        super(message, cause);
    }

    public SimulationException(String message) {
        super(message);
    }
}
