package io.mycel.sim;

/**
 * What a directed link does to each message.
 *
 * @param loss probability a message is lost
 * @param duplicate probability a message is delivered twice (the copy has its own latency draw)
 * @param reorder probability a message may overtake earlier ones on the same link; with 0 the
 *     link is FIFO, as TCP is, and a message waits for the one before it
 */
public record LinkModel(LatencyDistribution latency, double loss, double duplicate, double reorder) {

    public LinkModel {
        requireProbability(loss, "loss");
        requireProbability(duplicate, "duplicate");
        requireProbability(reorder, "reorder");
    }

    public static LinkModel reliable(LatencyDistribution latency) {
        return new LinkModel(latency, 0, 0, 0);
    }

    public LinkModel withLoss(double newLoss) {
        return new LinkModel(latency, newLoss, duplicate, reorder);
    }

    public LinkModel withLatency(LatencyDistribution newLatency) {
        return new LinkModel(newLatency, loss, duplicate, reorder);
    }

    private static void requireProbability(double p, String what) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " must be a probability in [0, 1], got " + p);
        }
    }
}
