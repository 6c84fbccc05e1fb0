package io.mycel.node.mesh;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.membership.SwimCodec;
import io.mycel.node.membership.SwimMessages;
import io.mycel.node.overlay.OverlayCodec;
import io.mycel.node.overlay.OverlayMessages;
import io.mycel.node.presence.PresenceCodec;
import io.mycel.node.presence.PresenceMessages;
import io.mycel.node.store.StoreCodec;
import io.mycel.node.store.StoreMessages;

/** A layer byte (membership, overlay, store, presence), then the layer's own encoding. */
final class MeshCodec implements MessageCodec {

    private static final int MEMBERSHIP = 1;
    private static final int OVERLAY = 2;
    private static final int STORE = 3;
    private static final int PRESENCE = 4;

    private final SwimCodec swim = new SwimCodec();
    private final OverlayCodec overlay = new OverlayCodec();
    private final StoreCodec store = new StoreCodec();
    private final PresenceCodec presence = new PresenceCodec();

    @Override
    public void encode(Message message, WireWriter out) {
        if (message instanceof SwimMessages.SwimMessage) {
            swim.encode(message, out.writeByte(MEMBERSHIP));
        } else if (message instanceof OverlayMessages.OverlayMessage) {
            overlay.encode(message, out.writeByte(OVERLAY));
        } else if (message instanceof StoreMessages.StoreMessage) {
            store.encode(message, out.writeByte(STORE));
        } else if (message instanceof PresenceMessages.PresenceMessage) {
            presence.encode(message, out.writeByte(PRESENCE));
        } else {
            throw new IllegalArgumentException("not a mesh message: " + message);
        }
    }

    @Override
    public Message decode(WireReader in) throws MalformedMessageException {
        int layer = in.readByte();
        return switch (layer) {
            case MEMBERSHIP -> swim.decode(in);
            case OVERLAY -> overlay.decode(in);
            case STORE -> store.decode(in);
            case PRESENCE -> presence.decode(in);
            default -> throw new MalformedMessageException("unknown mesh layer " + layer);
        };
    }
}
