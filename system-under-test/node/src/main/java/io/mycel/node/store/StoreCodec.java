package io.mycel.node.store;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.store.StoreMessages.Digest;
import io.mycel.node.store.StoreMessages.KeyHash;
import io.mycel.node.store.StoreMessages.KeyState;
import io.mycel.node.store.StoreMessages.Read;
import io.mycel.node.store.StoreMessages.ReadOk;
import io.mycel.node.store.StoreMessages.Repair;
import io.mycel.node.store.StoreMessages.Update;
import io.mycel.node.store.StoreMessages.UpdateFailed;
import io.mycel.node.store.StoreMessages.UpdateOk;
import java.util.ArrayList;
import java.util.List;

/** One tag byte, then the fields; read values carry a type byte (nil, number, list of numbers). */
public final class StoreCodec implements MessageCodec {

    private static final int UPDATE = 1;
    private static final int UPDATE_OK = 2;
    private static final int UPDATE_FAILED = 3;
    private static final int READ = 4;
    private static final int READ_OK = 5;
    private static final int DIGEST = 6;
    private static final int REPAIR = 7;

    private static final int NIL = 0;
    private static final int NUMBER = 1;
    private static final int LIST = 2;

    private static final StoreMessages.Op[] OPS = StoreMessages.Op.values();

    @Override
    public void encode(Message message, WireWriter out) {
        if (message instanceof Update m) {
            out.writeByte(UPDATE).writeVarLong(m.requestId()).writeByte(m.op().ordinal()).writeString(m.key())
                    .writeVarSigned(m.argument());
        } else if (message instanceof UpdateOk m) {
            out.writeByte(UPDATE_OK).writeVarLong(m.requestId());
        } else if (message instanceof UpdateFailed m) {
            out.writeByte(UPDATE_FAILED).writeVarLong(m.requestId());
        } else if (message instanceof Read m) {
            out.writeByte(READ).writeVarLong(m.requestId()).writeString(m.key());
        } else if (message instanceof ReadOk m) {
            out.writeByte(READ_OK).writeVarLong(m.requestId());
            writeValue(out, m.value());
        } else if (message instanceof Digest m) {
            out.writeByte(DIGEST).writeString(m.from()).writeString(m.to()).writeVarLong(m.hashes().size());
            for (KeyHash h : m.hashes()) {
                out.writeString(h.key()).writeLong(h.hash());
            }
        } else if (message instanceof Repair m) {
            out.writeByte(REPAIR).writeVarLong(m.states().size());
            for (KeyState s : m.states()) {
                out.writeString(s.key()).writeBytes(s.state());
            }
            out.writeVarLong(m.wanted().size());
            for (String key : m.wanted()) {
                out.writeString(key);
            }
        } else {
            throw new IllegalArgumentException("not a store message: " + message);
        }
    }

    @Override
    public Message decode(WireReader in) throws MalformedMessageException {
        int tag = in.readByte();
        return switch (tag) {
            case UPDATE -> {
                long id = in.readVarLong();
                int op = in.readByte();
                if (op >= OPS.length) {
                    throw new MalformedMessageException("update operation " + op + " is not one of " + List.of(OPS));
                }
                yield new Update(id, OPS[op], readKey(in), in.readVarSigned());
            }
            case UPDATE_OK -> new UpdateOk(in.readVarLong());
            case UPDATE_FAILED -> new UpdateFailed(in.readVarLong());
            case READ -> new Read(in.readVarLong(), readKey(in));
            case READ_OK -> new ReadOk(in.readVarLong(), readValue(in));
            case DIGEST -> {
                String from = readKey(in);
                String to = readKey(in);
                if (!to.isEmpty() && from.compareTo(to) > 0) {
                    throw new MalformedMessageException("digest window from '" + from + "' after its end '" + to + "'");
                }
                int count = in.readLength(StoreLimits.MAX_DIGEST_KEYS, "digest entries");
                List<KeyHash> hashes = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    hashes.add(new KeyHash(readKey(in), in.readLong()));
                }
                yield new Digest(from, to, hashes);
            }
            case REPAIR -> {
                int count = in.readLength(StoreLimits.MAX_REPAIR_KEYS, "repaired states");
                List<KeyState> states = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    states.add(new KeyState(readKey(in), in.readBytes(StoreLimits.MAX_STATE_BYTES)));
                }
                int wanted = in.readLength(StoreLimits.MAX_DIGEST_KEYS, "wanted keys");
                List<String> keys = new ArrayList<>(wanted);
                for (int i = 0; i < wanted; i++) {
                    keys.add(readKey(in));
                }
                yield new Repair(states, keys);
            }
            default -> throw new MalformedMessageException("unknown store message tag " + tag);
        };
    }

    private static String readKey(WireReader in) throws MalformedMessageException {
        return in.readString(StoreLimits.MAX_KEY_BYTES);
    }

    private static void writeValue(WireWriter out, Object value) {
        if (value == null) {
            out.writeByte(NIL);
        } else if (value instanceof Long n) {
            out.writeByte(NUMBER).writeVarSigned(n);
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST).writeVarLong(list.size());
            for (Object element : list) {
                out.writeVarSigned((Long) element);
            }
        } else {
            throw new IllegalArgumentException("a read value is nil, a number or a list of numbers, not " + value);
        }
    }

    private static Object readValue(WireReader in) throws MalformedMessageException {
        int type = in.readByte();
        return switch (type) {
            case NIL -> null;
            case NUMBER -> in.readVarSigned();
            case LIST -> {
                int count = in.readLength(StoreLimits.MAX_READ_ELEMENTS, "read elements");
                List<Long> elements = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    elements.add(in.readVarSigned());
                }
                yield List.copyOf(elements);
            }
            default -> throw new MalformedMessageException("read value type " + type + " is not nil, number or list");
        };
    }
}
