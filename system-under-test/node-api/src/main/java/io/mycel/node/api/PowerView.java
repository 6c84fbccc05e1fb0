package io.mycel.node.api;

/**
 * What a node knows of its own energy. Until the power model feeds it, hosts give
 * {@link #MAINS}: a node on mains power, always full.
 */
public interface PowerView {

    /** Battery state of charge in [0, 1]. */
    double stateOfCharge();

    /** True when the node should shed non-critical work. */
    boolean isLow();

    PowerView MAINS = new PowerView() {
        @Override
        public double stateOfCharge() {
            return 1.0;
        }

        @Override
        public boolean isLow() {
            return false;
        }

        @Override
        public String toString() {
            return "mains";
        }
    };
}
