package io.mycel.sim;

/** What a simulated node is doing. Transitions: UP -> PAUSED -> UP, UP|PAUSED -> DOWN -> UP. */
public enum NodeStatus { UP, PAUSED, DOWN }
