package io.mycel.node.supervisor;

/** Bugs the {@code tasks} program can plant, for the lab to catch. */
public enum TasksBug {
    NONE("none"),
    /** Replicas let every claimant take a task's name: duplicates made during a partition never stop. */
    NO_DEDUP("no-dedup"),
    /** A node asked to hand a task over sends its last periodic checkpoint, dropping the work done since. */
    HANDOFF_DROPS_LAST("handoff-drops-last");

    private final String label;

    TasksBug(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static TasksBug of(String label) {
        for (TasksBug bug : values()) {
            if (bug.label.equals(label)) {
                return bug;
            }
        }
        throw new IllegalArgumentException("no tasks bug " + label);
    }
}
