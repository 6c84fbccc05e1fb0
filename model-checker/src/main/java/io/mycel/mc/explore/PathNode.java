package io.mycel.mc.explore;

import io.mycel.mc.system.McSystem;
import io.mycel.mc.system.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A state reached by the exploration, as the step that reached it from its parent. */
final class PathNode {
    final PathNode parent;
    final Step step;
    final int depth;
    /** The 64-bit hash of the state's canonical encoding, once known. */
    long hash;
    /** The state itself while a frontier keeps it whole; else null and rebuilt by replay. */
    McSystem live;

    PathNode(PathNode parent, Step step, int depth, McSystem live) {
        this.parent = parent;
        this.step = step;
        this.depth = depth;
        this.live = live;
    }

    List<Step> path() {
        List<Step> steps = new ArrayList<>(depth);
        for (PathNode n = this; n.parent != null; n = n.parent) {
            steps.add(n.step);
        }
        Collections.reverse(steps);
        return steps;
    }
}
