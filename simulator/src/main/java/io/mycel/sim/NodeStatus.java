package io.mycel.sim;

/**
 * What a simulated node is doing. Transitions: UP -> PAUSED -> UP, UP -> ASLEEP -> UP (the node's own
 * choice), UP|PAUSED|ASLEEP -> DOWN -> UP.
 */
public enum NodeStatus { UP, PAUSED, ASLEEP, DOWN }
