package io.mycel.node.energy;

import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.PowerView;
import io.mycel.node.api.TimerId;
import io.mycel.node.energy.EnergyGovernor.WorkClass;
import java.util.ArrayDeque;

/**
 * Sends a node's frames within its radio's duty cycle ({@link AirtimeBudget}). A critical frame
 * (a client's answer) always goes: now when the hour's budget allows, else as soon as it does, in
 * the order critical frames were sent. A normal or deferrable frame goes only if it fits now, so
 * upkeep such as gossip is shed first and never delays an answer. On a radio with no duty cycle this
 * is a plain send.
 *
 * <p>Call {@link #onStart} from the process's {@code onStart}: airtime reserved before a restart
 * still counts (see {@link AirtimeBudget}).
 */
public final class DutyCycledSender {

    /** The timer this sender sets to send held critical frames; hand it to {@link #onTimer}. */
    public static final String TIMER = "duty-cycle-outbox";

    private record Held(NodeId to, Message message, int bytes) {
    }

    private final AirtimeBudget budget;
    private final MessageCodec codec;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private TimerId heldTimer;

    /**
     * @param budget null ignores the duty cycle altogether, a planted bug: the node sends as if the
     *               regulation did not exist
     */
    public DutyCycledSender(AirtimeBudget budget, MessageCodec codec) {
        this.budget = budget;
        this.codec = codec;
    }

    /** Takes back the airtime reserved within the last hour, before a restarted node sends anything. */
    public void onStart(NodeContext ctx) {
        if (budget != null) {
            budget.restore(ctx.storage(), ctx.nowMicros());
        }
    }

    /**
     * Sends {@code message} to {@code to} as work of this class. Returns false only when a frame that
     * is not critical did not fit and was not sent.
     */
    public boolean send(NodeContext ctx, NodeId to, Message message, WorkClass work) {
        PowerView power = ctx.power();
        if (budget == null || power.dutyCycle() >= 1) {
            ctx.send(to, message);
            return true;
        }
        int bytes = codec.toBytes(message).length;
        long now = ctx.nowMicros();
        if (work == WorkClass.CRITICAL && !held.isEmpty()) {
            held.addLast(new Held(to, message, bytes));   // behind the answers already waiting
            return true;
        }
        if (budget.fits(power, now, work, bytes)) {
            budget.sent(power, ctx.storage(), now, bytes);
            ctx.send(to, message);
            return true;
        }
        if (work == WorkClass.CRITICAL) {
            held.addLast(new Held(to, message, bytes));
            arm(ctx);
            return true;
        }
        return false;
    }

    /**
     * How long until a frame of this message and class would fit: 0 when it fits now, {@code Long.MAX_VALUE}
     * when it never can.
     */
    public long waitFor(NodeContext ctx, Message message, WorkClass work) {
        PowerView power = ctx.power();
        if (budget == null || power.dutyCycle() >= 1) {
            return 0;
        }
        long at = budget.fitsAt(power, ctx.nowMicros(), work, codec.toBytes(message).length);
        return at == Long.MAX_VALUE ? Long.MAX_VALUE : at - ctx.nowMicros();
    }

    /** Handles this sender's timer; false for any other timer. */
    public boolean onTimer(NodeContext ctx, TimerId timer) {
        if (!timer.name().equals(TIMER)) {
            return false;
        }
        heldTimer = null;
        PowerView power = ctx.power();
        while (!held.isEmpty() && budget.fits(power, ctx.nowMicros(), WorkClass.CRITICAL, held.peekFirst().bytes())) {
            Held next = held.pollFirst();
            budget.sent(power, ctx.storage(), ctx.nowMicros(), next.bytes());
            ctx.send(next.to(), next.message());
        }
        if (!held.isEmpty()) {
            arm(ctx);
        }
        return true;
    }

    /** Frames held for the budget. */
    public int heldCount() {
        return held.size();
    }

    private void arm(NodeContext ctx) {
        if (heldTimer != null) {
            return;
        }
        long at = budget.fitsAt(ctx.power(), ctx.nowMicros(), WorkClass.CRITICAL, held.peekFirst().bytes());
        if (at == Long.MAX_VALUE) {
            // A frame longer than the whole hourly budget can never go out lawfully: it is dropped, and said so.
            Held dropped = held.pollFirst();
            ctx.emit("frame-over-duty-cycle", dropped.message().typeName() + " of " + dropped.bytes() + " bytes to " + dropped.to());
            if (!held.isEmpty()) {
                arm(ctx);
            }
            return;
        }
        heldTimer = ctx.setTimer(TIMER, Math.max(1, at - ctx.nowMicros()));
    }
}
