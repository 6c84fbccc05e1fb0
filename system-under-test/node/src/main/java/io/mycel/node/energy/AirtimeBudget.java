package io.mycel.node.energy;

import io.mycel.node.api.DurableStore;
import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.PowerView;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.energy.EnergyGovernor.WorkClass;
import java.util.ArrayDeque;

/**
 * The node's own account of its radio's duty cycle, so that it never transmits more than the
 * regulation allows in any hour: a sliding window of the frames it sent in the last hour and their
 * airtime. Critical frames may use the whole budget; normal and deferrable ones only what leaves
 * {@code criticalReserve} of it free, so that upkeep such as gossip never crowds out a client's
 * answer. A node with no duty cycle ({@link PowerView#dutyCycle()} of 1) is never limited.
 *
 * <p>The window is the one the lab's {@code lora-duty-cycle} check judges: airtime of the frames
 * that started within any hour, frame by frame as each starts.
 *
 * <p>A node that crashes loses its volatile account, yet the frames it sent still count for the rest
 * of the hour. So airtime is reserved durably in chunks (an eighth of the hourly budget, or one frame
 * if longer), synced before any frame uses them, as a database hands out blocks of ids: a few syncs
 * an hour. A restarted node {@link #restore restores} the reservations as if each had been spent
 * whole at the last moment any of its frames could have started: when the next chunk was reserved,
 * or, for the last one, at the restart. That can only overstate what the node used.
 */
public final class AirtimeBudget {

    public static final long WINDOW_MICROS = 3_600_000_000L;

    /** Where the reservations of the last hour are kept. */
    static final String STORE_KEY = "energy/airtime-reservations";
    static final int CHUNKS_PER_HOUR = 8;

    private final double criticalReserve;
    /** Durable reservations of the last hour: start time and airtime, oldest first. */
    private final ArrayDeque<long[]> reservations = new ArrayDeque<>();
    /** Reserved airtime not yet used by a frame. */
    private long reservedLeft;
    /** Start times and airtimes of the frames sent in the window, oldest first. */
    private final ArrayDeque<long[]> frames = new ArrayDeque<>();
    private long windowAirtime;

    /** @param criticalReserve the share of the hourly budget only critical frames may use, in [0, 1) */
    public AirtimeBudget(double criticalReserve) {
        if (!(criticalReserve >= 0 && criticalReserve < 1)) {
            throw new IllegalArgumentException("a reserve in [0, 1), got " + criticalReserve);
        }
        this.criticalReserve = criticalReserve;
    }

    /** Whether a frame of this class and size may go out now. */
    public boolean fits(PowerView power, long nowMicros, WorkClass work, int bytes) {
        return fitsAt(power, nowMicros, work, bytes) == nowMicros;
    }

    /**
     * The earliest time from now at which such a frame fits, as frames already sent leave the window;
     * {@code Long.MAX_VALUE} when it never fits (a frame longer than the class's whole budget).
     */
    public long fitsAt(PowerView power, long nowMicros, WorkClass work, int bytes) {
        if (power.dutyCycle() >= 1) {
            return nowMicros;
        }
        expire(nowMicros);
        long limit = limitMicros(power, work);
        long need = power.airtimeMicros(bytes);
        if (need > limit) {
            return Long.MAX_VALUE;
        }
        long used = windowAirtime;
        if (used + need <= limit) {
            return nowMicros;
        }
        for (long[] frame : frames) {
            used -= frame[1];
            if (used + need <= limit) {
                return frame[0] + WINDOW_MICROS;
            }
        }
        return Long.MAX_VALUE;   // not reached: with every frame gone, need <= limit
    }

    /**
     * Accounts a frame the node sends now (whatever its class: the regulation counts them all),
     * reserving a new chunk of airtime durably first when what was reserved does not cover it.
     */
    public void sent(PowerView power, DurableStore store, long nowMicros, int bytes) {
        if (power.dutyCycle() >= 1) {
            return;
        }
        expire(nowMicros);
        long airtime = power.airtimeMicros(bytes);
        if (airtime > reservedLeft) {
            reserve(store, nowMicros, Math.max(airtime, (long) (power.dutyCycle() * WINDOW_MICROS / CHUNKS_PER_HOUR)));
        }
        reservedLeft -= airtime;
        frames.addLast(new long[] {nowMicros, airtime});
        windowAirtime += airtime;
    }

    /**
     * Takes back, after a restart, the reservations made within the hour before {@code nowMicros} as
     * airtime spent at the time of each: the frames sent under them still count.
     */
    public void restore(DurableStore store, long nowMicros) {
        clear();
        byte[] stored = store.get(STORE_KEY);
        if (stored == null) {
            return;
        }
        try {
            WireReader in = new WireReader(stored);
            int count = in.readLength(100_000, "airtime reservations");
            for (int i = 0; i < count; i++) {
                reservations.addLast(new long[] {in.readVarSigned(), in.readVarLong()});
            }
        } catch (MalformedMessageException e) {
            throw new IllegalStateException("stored airtime reservations are corrupt: " + e.getMessage(), e);
        }
        long[][] made = reservations.toArray(new long[0][]);
        for (int i = 0; i < made.length; i++) {
            // Frames under a chunk started no later than the next reservation, or than now for the last.
            long lastUse = i + 1 < made.length ? made[i + 1][0] : nowMicros;
            if (lastUse > nowMicros - WINDOW_MICROS) {
                frames.addLast(new long[] {lastUse, made[i][1]});
                windowAirtime += made[i][1];
            }
        }
    }

    private void reserve(DurableStore store, long nowMicros, long airtime) {
        // A chunk matters until its successor's time is an hour past: its frames may have started until then.
        while (reservations.size() >= 2 && secondTime() <= nowMicros - WINDOW_MICROS) {
            reservations.pollFirst();
        }
        reservations.addLast(new long[] {nowMicros, airtime});
        WireWriter out = new WireWriter(8 + 16 * reservations.size()).writeVarLong(reservations.size());
        for (long[] r : reservations) {
            out.writeVarSigned(r[0]).writeVarLong(r[1]);
        }
        store.put(STORE_KEY, out.toByteArray());
        store.sync();
        reservedLeft = airtime;
    }

    /** Airtime of the frames sent within the hour before {@code nowMicros}. */
    public long usedMicros(long nowMicros) {
        expire(nowMicros);
        return windowAirtime;
    }

    private long secondTime() {
        java.util.Iterator<long[]> it = reservations.iterator();
        it.next();
        return it.next()[0];
    }

    private void clear() {
        frames.clear();
        reservations.clear();
        windowAirtime = 0;
        reservedLeft = 0;
    }

    private long limitMicros(PowerView power, WorkClass work) {
        double share = work == WorkClass.CRITICAL ? 1.0 : 1.0 - criticalReserve;
        return (long) Math.floor(power.dutyCycle() * share * WINDOW_MICROS);
    }

    /** Drops frames that started an hour or more before now. */
    private void expire(long nowMicros) {
        while (!frames.isEmpty() && frames.peekFirst()[0] <= nowMicros - WINDOW_MICROS) {
            windowAirtime -= frames.pollFirst()[1];
        }
    }
}
