package io.mycel.node.store;

/**
 * The store's tuning.
 *
 * @param kind the CRDT every key holds
 * @param deltaIntervalMicros deltas made in this time are joined and broadcast together
 * @param antiEntropyIntervalMicros time between two digest exchanges with a random neighbour
 * @param flushIntervalMicros time between two syncs of states merged from other nodes
 * @param bug a planted bug, or {@link PlantedBug#NONE}
 */
public record StoreConfig(CrdtKind kind, long deltaIntervalMicros, long antiEntropyIntervalMicros,
                          long flushIntervalMicros, PlantedBug bug) {
}
