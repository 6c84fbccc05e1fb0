package io.mycel.node.mesh;

import io.mycel.node.api.ProgramConfig;
import io.mycel.node.energy.SleepSchedule;
import io.mycel.node.membership.SwimConfig;
import io.mycel.node.overlay.HyParViewConfig;
import io.mycel.node.presence.PresenceConfig;
import io.mycel.node.store.CrdtKind;
import io.mycel.node.store.PlantedBug;
import io.mycel.node.store.StoreConfig;
import java.util.Locale;

/**
 * A mesh node's settings, read once from the scenario's program options.
 *
 * @param swim SWIM's tuning, or null when membership is static
 * @param store the CRDT store's settings, or null when the node runs presence instead
 * @param presence the presence service's settings, or null when the node runs the store
 * @param sleep when the nodes sleep, or null when they never do
 * @param sleepAware whether SWIM takes the sleep schedule into account (off plants a bug)
 */
record MeshSettings(SwimConfig swim, OverlayKind overlay, HyParViewConfig views, long lazyIntervalMicros,
                    long graftTimeoutMicros, StoreConfig store, PresenceConfig presence, SleepSchedule sleep,
                    boolean sleepAware) {

    enum OverlayKind {
        FULL_MESH, HUB, PARTIAL_VIEW;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The settings of the {@code mesh} program: membership, overlay and the CRDT store. */
    static MeshSettings ofStore(ProgramConfig c) {
        StoreConfig store = new StoreConfig(
                CrdtKind.ofLabel(c.string("crdt")),
                c.durationMicros("delta-interval"), c.durationMicros("anti-entropy-interval"),
                c.durationMicros("flush-interval"), PlantedBug.ofLabel(c.string("bug")));
        return of(c, store, null);
    }

    /** The settings of the {@code presence} program: membership, overlay and presence. */
    static MeshSettings ofPresence(ProgramConfig c) {
        return of(c, null, new PresenceConfig(c.durationMicros("presence-heartbeat"), c.durationMicros("presence-timeout"),
                !c.string("bug").equals("no-expiry")));
    }

    private static MeshSettings of(ProgramConfig c, StoreConfig store, PresenceConfig presence) {
        SwimConfig swim = c.string("membership").equals("swim")
                ? new SwimConfig(c.durationMicros("probe-interval"), c.durationMicros("probe-timeout"),
                        small(c, "indirect-probes"), small(c, "suspicion-periods"), 8, 3)
                : null;
        HyParViewConfig views = new HyParViewConfig(small(c, "active-view"), small(c, "passive-view"), 6, 3,
                c.durationMicros("shuffle-interval"), 3, 4, c.durationMicros("heartbeat-interval"),
                c.durationMicros("failure-timeout"));
        long every = c.durationMicros("sleep-every");
        SleepSchedule sleep = every == 0 ? null : new SleepSchedule(every, c.durationMicros("sleep-for"), c.durationMicros("sleep-guard"));
        return new MeshSettings(swim, OverlayKind.valueOf(c.string("overlay").toUpperCase(Locale.ROOT).replace('-', '_')),
                views, c.durationMicros("lazy-interval"), c.durationMicros("graft-timeout"), store, presence, sleep,
                c.string("sleep-aware").equals("on"));
    }

    /** What is wrong with the sleep options together, or null: each sleep must leave the node awake for a while. */
    static String sleepProblem(ProgramConfig c) {
        long every = c.durationMicros("sleep-every");
        long sleep = c.durationMicros("sleep-for");
        long guard = c.durationMicros("sleep-guard");
        if (every > 0 && sleep + 2 * guard >= every) {
            return "sleep-for plus twice sleep-guard shorter than sleep-every, so each node is awake part of every period";
        }
        return null;
    }

    private static int small(ProgramConfig c, String name) {
        return (int) Math.min(1_000, c.integer(name));
    }
}
