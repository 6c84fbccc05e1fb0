package io.mycel.sim;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;

/** A message arriving at its destination: its frame is decoded only now, by the receiver's codec. */
final class Delivery extends Event {

    final SimNode from;
    /** The sender's id, kept here so a delivery need not read the sender's node. */
    final NodeId fromId;
    final SimNode to;
    final byte[] frame;
    final long messageId;
    /** The message as sent: only for its type name in traces; delivery decodes {@link #frame}. */
    private final Message sent;
    final boolean duplicate;
    /** Counted in the link's FIFO state until it arrives. */
    boolean fifoTracked;
    /** Already in the receiver's buffers (it arrived while the receiver was paused). */
    boolean buffered;

    Delivery(SimNode from, SimNode to, byte[] frame, long messageId, Message sent, boolean duplicate) {
        this.from = from;
        this.fromId = from.id;
        this.to = to;
        this.frame = frame;
        this.messageId = messageId;
        this.sent = sent;
        this.duplicate = duplicate;
    }

    Message sent() {
        return sent;
    }

    String typeName() {
        return sent.typeName();
    }


    @Override
    void fire(Simulation sim) {
        sim.deliver(this);
    }
}
