package io.mycel.faults.proxy;

import io.mycel.node.api.SeededRandom;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One direction of one proxied connection: what is read from {@code from} is written to {@code to}
 * after this direction's toxics, in the order they were added. Everything here runs on the
 * connection's event loop, which both channels share.
 *
 * <p>Each piece of data gets a release time, and its {@link Outbox} writes it then; a piece never
 * leaves before the one ahead of it (a TCP stream stays in order) unless a {@code mycel_link} toxic
 * lets a whole frame overtake.
 */
final class Pipe extends ChannelInboundHandlerAdapter {

    private final Proxy proxy;
    private final Toxic.Stream stream;
    private final SeededRandom random;
    private final FrameCutter cutter = new FrameCutter();
    private Channel from;
    private Channel to;
    /** Each toxic's draw against its toxicity, once per connection, so a toxic touches a connection wholly or not at all. */
    private final Map<String, Double> draws = new HashMap<>();
    /** Per toxic: the time its stream is free again (latency, bandwidth) or the bytes it let through (limit_data). */
    private final Map<String, Progress> state = new HashMap<>();
    /** Timers of toxics that end the connection (timeout, reset_peer), by toxic name. */
    private final Map<String, ScheduledFuture<?>> enders = new HashMap<>();
    private final List<ByteBuf> held = new ArrayList<>();
    private Outbox outbox;
    /** A frame that may overtake others still never passes this: the hello, or a piece of a frame cut midway. */
    private long barrier;
    /** A limit_data toxic let its last byte through: the connection ends once that byte is out. */
    private boolean limitReached;

    Pipe(Proxy proxy, Toxic.Stream stream, SeededRandom random) {
        this.proxy = proxy;
        this.stream = stream;
        this.random = random;
    }

    void connect(Channel from, Channel to) {
        this.from = from;
        this.to = to;
        this.outbox = new Outbox(from, to);
        to.closeFuture().addListener(f -> {
            held.forEach(ByteBuf::release);
            held.clear();
        });
        toxicsChanged();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (outbox == null || outbox.closing()) {
            in.release();
            return;
        }
        List<Toxic> toxics = applying();
        boolean cut = false;
        boolean holding = false;
        for (Toxic t : toxics) {
            cut |= t.type() == ToxicType.MYCEL_LINK;
            holding |= t.type() == ToxicType.TIMEOUT;
        }
        long now = System.nanoTime();
        if (!holding) {
            releaseHeld(now);   // a timeout just removed: what it held goes before what comes after
        }
        for (FrameCutter.Piece piece : cutter.split(in, cut, ctx.alloc())) {
            pass(piece, toxics, now);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (outbox == null) {
            return;   // closed before its upstream connection was up: nothing was read
        }
        List<FrameCutter.Piece> rest = new ArrayList<>();
        cutter.flushPartial(rest);
        long now = System.nanoTime();
        List<Toxic> toxics = applying();
        for (FrameCutter.Piece piece : rest) {
            pass(piece, toxics, now);
        }
        long delay = 0;
        for (Toxic t : toxics) {
            if (t.type() == ToxicType.SLOW_CLOSE) {
                delay += TimeUnit.MILLISECONDS.toNanos(t.longAttribute("delay"));
            }
        }
        outbox.closeAt(Math.max(now, outbox.lastRelease()) + delay);
        endTimers();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();   // a reset or a broken pipe: the other side learns of it through channelInactive
    }

    /** The toxics of this direction that touch this connection, in the order they were added. */
    private List<Toxic> applying() {
        List<Toxic> all = proxy.toxics();
        if (all.isEmpty()) {
            return List.of();   // the common case, on every chunk: nothing to draw or allocate
        }
        List<Toxic> out = new ArrayList<>(all.size());
        for (Toxic t : all) {
            if (t.stream() == stream && draws.computeIfAbsent(t.name(), k -> random.nextDouble()) < t.toxicity()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Runs one piece through the toxics and schedules what comes out. */
    private void pass(FrameCutter.Piece piece, List<Toxic> toxics, long now) {
        List<Timed> pieces = new ArrayList<>(1);
        pieces.add(new Timed(piece.bytes(), now, false, true));
        for (Toxic toxic : toxics) {
            List<Timed> next = new ArrayList<>(pieces.size());
            for (Timed p : pieces) {
                apply(toxic, piece, p, next);
            }
            pieces = next;
            if (pieces.isEmpty()) {
                break;
            }
        }
        for (Timed p : pieces) {
            long at = p.mayOvertake ? Math.max(p.at, barrier) : Math.max(p.at, outbox.lastRelease());
            if (!piece.whole() || piece.index() == 0 || !p.intact) {
                barrier = Math.max(barrier, at);   // nothing may overtake into a hello or a frame in pieces
            }
            outbox.send(p.bytes, at);
        }
        if (limitReached) {
            outbox.closeAt(outbox.lastRelease());
            from.close();
        }
    }

    /** @param intact whether the bytes are the whole piece still (a slicer cuts pieces into slices) */
    /** What a toxic keeps per connection: the time its stream is free again, or the bytes it let through. */
    private static final class Progress {
        final ToxicType type;
        final long[] value = new long[1];

        Progress(ToxicType type) {
            this.type = type;
        }
    }

    private record Timed(ByteBuf bytes, long at, boolean mayOvertake, boolean intact) {
    }

    private void apply(Toxic toxic, FrameCutter.Piece piece, Timed p, List<Timed> out) {
        Progress progress = state.get(toxic.name());
        if (progress == null || progress.type != toxic.type()) {
            progress = new Progress(toxic.type());   // a new toxic under an old name starts afresh
            state.put(toxic.name(), progress);
        }
        long[] s = progress.value;
        switch (toxic.type()) {
            case LATENCY -> {
                long jitter = toxic.longAttribute("jitter");
                long ms = toxic.longAttribute("latency") + (jitter == 0 ? 0 : random.nextLong(-jitter, jitter));
                long at = Math.max(s[0], p.at + TimeUnit.MILLISECONDS.toNanos(Math.max(0, ms)));
                s[0] = at;
                out.add(new Timed(p.bytes, at, p.mayOvertake, p.intact));
            }
            case BANDWIDTH -> {
                long rate = toxic.longAttribute("rate");
                if (rate == 0) {
                    out.add(p);   // as Toxiproxy: a rate of 0 limits nothing
                    return;
                }
                long start = Math.max(s[0], p.at);
                s[0] = start + p.bytes.readableBytes() * 1_000_000L / rate;   // bytes / (rate * 1000 B/s) in ns
                out.add(new Timed(p.bytes, s[0], p.mayOvertake, p.intact));
            }
            case SLICER -> slice(toxic, p, out);
            case LIMIT_DATA -> {
                long limit = toxic.longAttribute("bytes");
                long left = limit - s[0];
                if (left <= 0) {
                    p.bytes.release();
                    limitReached = true;
                    return;
                }
                int n = (int) Math.min(left, p.bytes.readableBytes());
                s[0] += n;
                if (n < p.bytes.readableBytes()) {
                    p.bytes.writerIndex(p.bytes.readerIndex() + n);
                }
                out.add(p);
                limitReached |= s[0] >= limit;
            }
            case TIMEOUT -> hold(p.bytes);
            case MYCEL_LINK -> shapeFrame(toxic, piece, p, out);
            case SLOW_CLOSE, RESET_PEER -> out.add(p);   // they act on the connection, not on its data
            default -> throw new IllegalStateException("unhandled toxic type " + toxic.type());
        }
    }

    private void slice(Toxic toxic, Timed p, List<Timed> out) {
        long average = Math.max(1, toxic.longAttribute("average_size"));
        long variation = Math.min(toxic.longAttribute("size_variation"), average - 1);
        long gap = TimeUnit.MICROSECONDS.toNanos(toxic.longAttribute("delay"));
        long at = p.at;
        ByteBuf bytes = p.bytes;
        boolean one = bytes.readableBytes() <= average - variation;
        while (bytes.isReadable()) {
            long size = average + (variation == 0 ? 0 : random.nextLong(-variation, variation));
            int n = (int) Math.min(Math.max(1, size), bytes.readableBytes());
            // A frame in slices keeps its slices together: none of them overtakes.
            out.add(new Timed(bytes.readRetainedSlice(n), at, one && p.mayOvertake, one && p.intact));
            at += gap;
        }
        bytes.release();
    }

    /** The simulator's link model on one frame: loss, duplication, a drawn latency, and maybe overtaking. */
    private void shapeFrame(Toxic toxic, FrameCutter.Piece piece, Timed p, List<Timed> out) {
        io.mycel.sim.LinkModel link = toxic.shape().model();
        boolean message = p.intact && piece.whole() && piece.index() > 0;   // not the hello, nor part of a frame
        if (message && random.chance(link.loss())) {
            p.bytes.release();
            proxy.counted("frames-lost");
            return;
        }
        int copies = message && random.chance(link.duplicate()) ? 2 : 1;
        if (copies == 2) {
            proxy.counted("frames-duplicated");
        }
        for (int c = 0; c < copies; c++) {
            ByteBuf bytes = c == 0 ? p.bytes : p.bytes.retainedDuplicate();
            long at = p.at + TimeUnit.MICROSECONDS.toNanos(link.latency().sampleMicros(random));
            boolean overtake = message && random.chance(link.reorder());
            out.add(new Timed(bytes, at, overtake || p.mayOvertake, true));
        }
    }

    /** The proxy's toxics changed: start the timers of new connection-ending toxics, let held data go. */
    void toxicsChanged() {
        if (outbox == null || outbox.closing()) {
            return;
        }
        List<Toxic> toxics = applying();
        boolean holding = false;
        Map<String, ScheduledFuture<?>> keep = new HashMap<>();
        for (Toxic t : toxics) {
            if (t.type() == ToxicType.TIMEOUT || t.type() == ToxicType.RESET_PEER) {
                holding |= t.type() == ToxicType.TIMEOUT;
                String key = t.name() + "/" + t.type() + "/" + t.longAttribute("timeout");
                ScheduledFuture<?> timer = enders.remove(key);
                if (timer == null && !(t.type() == ToxicType.TIMEOUT && t.longAttribute("timeout") == 0)) {
                    boolean reset = t.type() == ToxicType.RESET_PEER;
                    timer = from.eventLoop().schedule(() -> end(reset), t.longAttribute("timeout"), TimeUnit.MILLISECONDS);
                }
                if (timer != null) {
                    keep.put(key, timer);
                }
            }
        }
        endTimers();
        enders.putAll(keep);
        if (!holding) {
            releaseHeld(System.nanoTime());
        }
    }

    /** Holds bytes while a timeout toxic stops the stream; they count against the read limit. */
    private void hold(ByteBuf bytes) {
        held.add(bytes);
        outbox.count(bytes.readableBytes());
    }

    /** Lets what a timeout held go, in order, ahead of anything after it (and not to be overtaken). */
    private void releaseHeld(long now) {
        if (held.isEmpty()) {
            return;
        }
        List<ByteBuf> release = new ArrayList<>(held);
        held.clear();
        for (ByteBuf bytes : release) {
            outbox.count(-bytes.readableBytes());
            long at = Math.max(now, outbox.lastRelease());
            barrier = Math.max(barrier, at);
            outbox.send(bytes, at);
        }
    }

    private void endTimers() {
        enders.values().forEach(timer -> timer.cancel(false));
        enders.clear();
        if (outbox != null && outbox.closing()) {
            held.forEach(ByteBuf::release);
            held.clear();
        }
    }

    /** Ends the connection both ways: a TCP reset when {@code reset}, else an ordinary close. */
    private void end(boolean reset) {
        proxy.counted(reset ? "connections-reset" : "connections-timed-out");
        for (Channel c : new Channel[] {from, to}) {
            if (c.isOpen()) {
                if (reset) {
                    c.config().setOption(ChannelOption.SO_LINGER, 0);
                }
                c.close();
            }
        }
    }
}
