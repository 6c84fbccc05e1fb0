package io.mycel.faults.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * The timed writes of one direction of a connection: each piece leaves at its release time, pieces
 * due together leave in the order they came, and the close comes after every byte before it. It
 * keeps its own queue because the event loop's timers, each started from its own reading of the
 * clock, do not keep pieces due at the same time in order. Reading from the source pauses while
 * more than {@link #HIGH_WATER} bytes wait (here or held by a toxic), so a slow link slows the sender
 * instead of filling the proxy's memory. Runs on the connection's event loop only.
 *
 * <p>Nothing leaves while pieces are being queued: the queue is drained by a task that runs once
 * the event loop has finished what it is doing (typically all the reads of one wake-up). So the
 * frames of one burst leave in the order of their release times even when cutting and shaping
 * them took longer than their latencies (a cold JIT, a slow Pi): otherwise the first frames would
 * already be out, in arrival order, before the later ones were drawn, and a slow proxy would
 * reorder less than the link asks.
 */
final class Outbox {

    static final long HIGH_WATER = 1 << 20;
    static final long LOW_WATER = 256 << 10;

    private record Waiting(long at, long sequence, ByteBuf bytes) {
    }

    private final Channel from;
    private final Channel to;
    private final PriorityQueue<Waiting> queue = new PriorityQueue<>(
            Comparator.comparingLong(Waiting::at).thenComparingLong(Waiting::sequence));
    private long sequence;
    private ScheduledFuture<?> timer;
    private long timerAt = Long.MAX_VALUE;
    private long waitingBytes;
    private long lastRelease;
    private boolean closing;
    private boolean drainQueued;

    Outbox(Channel from, Channel to) {
        this.from = from;
        this.to = to;
        // Whatever still waits for a target that is gone is released at once: timers do not outlive
        // a proxy's shutdown, and pooled buffers must go back to the pool.
        to.closeFuture().addListener(f -> discard());
    }

    /** The latest release time given so far: a piece that must not overtake leaves no earlier. */
    long lastRelease() {
        return lastRelease;
    }

    /** Whether the target's close is scheduled (or it is gone): nothing more will be written. */
    boolean closing() {
        return closing;
    }

    /** Writes {@code bytes} at {@code at}, a time on {@link System#nanoTime()}'s clock; takes the buffer's reference. */
    void send(ByteBuf bytes, long at) {
        count(bytes.readableBytes());
        enqueue(bytes, at);
    }

    /** Closes the target at {@code at}, after every piece due before. */
    void closeAt(long at) {
        if (!closing) {
            closing = true;
            enqueue(null, at);
        }
    }

    /** Counts bytes waiting elsewhere for this direction (held by a toxic) against the read limit; negative to uncount. */
    void count(long bytes) {
        waitingBytes += bytes;
        if (waitingBytes > HIGH_WATER && from.config().isAutoRead()) {
            from.config().setAutoRead(false);
        } else if (waitingBytes < LOW_WATER && !closing && from.isActive() && !from.config().isAutoRead()) {
            from.config().setAutoRead(true);
        }
    }

    private void enqueue(ByteBuf bytes, long at) {
        lastRelease = Math.max(lastRelease, at);
        queue.add(new Waiting(at, ++sequence, bytes));
        if (!drainQueued) {
            drainQueued = true;
            to.eventLoop().execute(() -> {
                drainQueued = false;
                drain();
            });
        }
    }

    /** Writes every piece whose time has come, and sets one timer for the next. */
    private void drain() {
        long now = System.nanoTime();
        while (!queue.isEmpty() && queue.peek().at() <= now) {
            write(queue.poll().bytes());
        }
        if (!queue.isEmpty() && queue.peek().at() < timerAt) {
            if (timer != null) {
                timer.cancel(false);
            }
            timerAt = queue.peek().at();
            timer = to.eventLoop().schedule(() -> {
                timer = null;
                timerAt = Long.MAX_VALUE;
                drain();
            }, timerAt - now, TimeUnit.NANOSECONDS);
        }
    }

    private void write(ByteBuf bytes) {
        if (bytes == null) {
            // Once what was handed to the socket has left it: close() alone would drop Netty's outbound buffer.
            to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        int n = bytes.readableBytes();
        if (!to.isActive()) {
            bytes.release();
            count(-n);
            return;
        }
        to.writeAndFlush(bytes).addListener(done -> count(-n));
    }

    private void discard() {
        closing = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        for (Waiting w : queue) {
            if (w.bytes() != null) {
                w.bytes().release();
            }
        }
        queue.clear();
    }
}
