package io.mycel.mc.explore;

/** The order states are explored in. */
public enum Strategy {
    /** Breadth-first: the first violation found is at the least depth, so its path is a shortest one. */
    BFS,
    /** Depth-first: little memory beyond the visited states, deep paths early. */
    DFS
}
