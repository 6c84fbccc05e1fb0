package io.mycel.mc.state;

import io.mycel.node.api.NodeId;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Writes a state as bytes such that two states with equal bytes behave alike: the explorer's
 * notion of "the same state". Objects are written by content, field by field (values by value,
 * other objects once, then by reference to their first appearance, so sharing and cycles are kept).
 *
 * <p>Where a collection's iteration order is not information, the encoding does not depend on it:
 * entries of hash and sorted maps and sets whose keys are values are written in the order of their
 * keys' bytes, so two maps with the same entries but different insertion histories meet. Linked
 * maps and sets, lists and queues keep their order, which node code may rely on.
 *
 * <p>Under a {@link NodeRenaming} every server's id is written as its renamed index, which is how
 * symmetric states are recognised; and lists holding only node ids are then written sorted, on the
 * stated assumption that a program treats such lists (peers, voters) as sets.
 */
public final class StateEncoder {

    private static final byte NULL = 0;
    private static final byte REF = 1;
    private static final byte VALUE = 2;
    private static final byte ARRAY = 3;
    private static final byte MAP = 4;
    private static final byte LIST = 5;
    private static final byte SET = 6;
    private static final byte RECORD = 7;
    private static final byte OBJECT = 8;
    private static final byte NODE = 9;
    private static final byte ENUM = 10;
    private static final byte STRING = 11;

    private final Map<Class<?>, Integer> classIds;
    private final IdentityHashMap<Object, Integer> seen = new IdentityHashMap<>();
    private NodeRenaming renaming = NodeRenaming.NONE;
    private byte[] buf = new byte[4096];
    private int len;
    private StateEncoder scratch;

    public StateEncoder() {
        this(new HashMap<>());
    }

    private StateEncoder(Map<Class<?>, Integer> classIds) {
        this.classIds = classIds;
    }

    /** Starts a fresh encoding under {@code renaming}. */
    public void reset(NodeRenaming renaming) {
        this.renaming = renaming;
        len = 0;
        seen.clear();
    }

    public int length() {
        return len;
    }

    public byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }

    /** The bytes written so far, valid until the next write; {@link #length()} of them count. */
    public byte[] buffer() {
        return buf;
    }

    /** The encoding of {@code o} on its own, with no references into what this encoder wrote. */
    public byte[] standalone(Object o) {
        StateEncoder s = scratch();
        s.writeObject(o);
        return s.toBytes();
    }

    private StateEncoder scratch() {
        if (scratch == null) {
            scratch = new StateEncoder(classIds);
        }
        scratch.reset(renaming);
        return scratch;
    }

    public void writeBytes(byte[] bytes) {
        writeVarLong(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    public void writeVarLong(long v) {
        ensure(10);
        long z = (v << 1) ^ (v >> 63);   // zigzag: small negatives stay short
        while ((z & ~0x7FL) != 0) {
            buf[len++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        buf[len++] = (byte) z;
    }

    private void writeByte(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    private void writeClass(Class<?> type) {
        Integer id = classIds.get(type);
        if (id == null) {
            id = classIds.size();
            classIds.put(type, id);
        }
        writeVarLong(id);
    }

    private void writeString(String s) {
        writeVarLong(s.length());
        ensure(s.length() * 3);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[len++] = (byte) c;
            } else {
                buf[len++] = (byte) (0x80 | (c & 0x7F));
                buf[len++] = (byte) (c >>> 7);
                buf[len++] = (byte) (c >>> 14);
            }
        }
    }

    /** Writes {@code o} and everything it reaches. */
    public void writeObject(Object o) {
        if (o == null) {
            writeByte(NULL);
            return;
        }
        Class<?> type = o.getClass();
        ClassInfo info = ClassInfo.of(type);
        if (info.kind == ClassInfo.Kind.VALUE) {
            writeValue(o, info);
            return;
        }
        Integer ref = seen.get(o);
        if (ref != null) {
            writeByte(REF);
            writeVarLong(ref);
            return;
        }
        seen.put(o, seen.size());
        try {
            switch (info.kind) {
                case PRIMITIVE_ARRAY -> writePrimitiveArray(o);
                case OBJECT_ARRAY -> writeElements(ARRAY, type, Arrays.asList((Object[]) o), true);
                case MAP -> writeMap((Map<?, ?>) o);
                case COLLECTION -> writeCollection((Collection<?>) o);
                case RECORD -> {
                    writeByte(RECORD);
                    writeClass(type);
                    for (Field f : info.components) {
                        writeField(f, o);
                    }
                }
                default -> writeFields(o, info);
            }
        } catch (IllegalAccessException e) {
            throw new StateAccessException("cannot read a " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    private void writeValue(Object o, ClassInfo info) {
        if (o instanceof NodeId id) {
            writeByte(NODE);
            int index = renaming.indexOf(id);
            writeVarLong(index);
            if (index < 0) {
                writeString(id.name());
            }
        } else if (o instanceof String s) {
            writeByte(STRING);
            writeString(s);
        } else if (o instanceof Enum<?> e) {
            writeByte(ENUM);
            writeClass(e.getDeclaringClass());
            writeVarLong(e.ordinal());
        } else if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            writeByte(VALUE);
            writeClass(o.getClass());
            writeVarLong(((Number) o).longValue());
        } else if (o instanceof Boolean b) {
            writeByte(VALUE);
            writeClass(Boolean.class);
            writeByte(b ? 1 : 0);
        } else if (o instanceof Character c) {
            writeByte(VALUE);
            writeClass(Character.class);
            writeVarLong(c);
        } else if (o instanceof Double d) {
            writeByte(VALUE);
            writeClass(Double.class);
            writeVarLong(Double.doubleToLongBits(d));
        } else if (o instanceof Float f) {
            writeByte(VALUE);
            writeClass(Float.class);
            writeVarLong(Float.floatToIntBits(f));
        } else if (o instanceof Class<?> c) {
            writeByte(VALUE);
            writeClass(Class.class);
            writeString(c.getName());
        } else if (info.type.isRecord()) {
            writeByte(RECORD);
            writeClass(info.type);
            try {
                for (Field f : info.components) {
                    writeField(f, o);
                }
            } catch (IllegalAccessException e) {
                throw new StateAccessException("cannot read a " + info.type.getName(), e);
            }
        } else {
            writeByte(VALUE);
            writeClass(o.getClass());
            writeString(o.toString());   // BigInteger, BigDecimal: their text is their value
        }
    }

    private void writeField(Field f, Object owner) throws IllegalAccessException {
        Class<?> t = f.getType();
        if (!t.isPrimitive()) {
            writeObject(f.get(owner));
        } else if (t == long.class) {
            writeVarLong(f.getLong(owner));
        } else if (t == int.class) {
            writeVarLong(f.getInt(owner));
        } else if (t == boolean.class) {
            writeByte(f.getBoolean(owner) ? 1 : 0);
        } else if (t == double.class) {
            writeVarLong(Double.doubleToLongBits(f.getDouble(owner)));
        } else if (t == byte.class) {
            writeByte(f.getByte(owner));
        } else if (t == char.class) {
            writeVarLong(f.getChar(owner));
        } else if (t == short.class) {
            writeVarLong(f.getShort(owner));
        } else {
            writeVarLong(Float.floatToIntBits(f.getFloat(owner)));
        }
    }

    private void writeFields(Object o, ClassInfo info) throws IllegalAccessException {
        if (info.refusal != null) {
            throw new StateAccessException(info.refusal);
        }
        writeByte(OBJECT);
        writeClass(info.type);
        for (ClassInfo.Slot slot : info.slots) {
            if (!slot.constant() && !slot.notState()) {
                writeField(slot.field(), o);
            }
        }
    }

    private void writePrimitiveArray(Object o) {
        writeByte(ARRAY);
        writeClass(o.getClass());
        int n = Array.getLength(o);
        writeVarLong(n);
        if (o instanceof byte[] a) {
            ensure(n);
            System.arraycopy(a, 0, buf, len, n);
            len += n;
            return;
        }
        for (int i = 0; i < n; i++) {
            Object e = Array.get(o, i);
            if (e instanceof Boolean b) {
                writeByte(b ? 1 : 0);
            } else if (e instanceof Character c) {
                writeVarLong(c);
            } else if (e instanceof Double d) {
                writeVarLong(Double.doubleToLongBits(d));
            } else if (e instanceof Float f) {
                writeVarLong(Float.floatToIntBits(f));
            } else {
                writeVarLong(((Number) e).longValue());
            }
        }
    }

    private void writeMap(Map<?, ?> map) {
        writeByte(MAP);
        writeClass(map.getClass());
        writeVarLong(map.size());
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        boolean keepOrder = map instanceof LinkedHashMap<?, ?>;
        if (!keepOrder && allKeysValues(entries)) {
            byte[][] keys = new byte[entries.size()][];
            Integer[] order = new Integer[entries.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = standalone(entries.get(i).getKey());
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
            for (int i : order) {
                writeBytes(keys[i]);
                writeObject(entries.get(i).getValue());
            }
            return;
        }
        for (Map.Entry<?, ?> e : entries) {
            writeObject(e.getKey());
            writeObject(e.getValue());
        }
    }

    private void writeCollection(Collection<?> c) {
        boolean ordered = c instanceof List<?> || c instanceof Queue<?> || c instanceof LinkedHashSet<?>;
        if (ordered && !(renaming.active() && allNodeIds(c))) {
            writeElements(LIST, c.getClass(), c, false);
            return;
        }
        List<?> elements = new ArrayList<>(c);
        if (!allValues(elements)) {
            writeElements(SET, c.getClass(), elements, false);
            return;
        }
        writeByte(SET);
        writeClass(c.getClass());
        writeVarLong(elements.size());
        byte[][] bytes = new byte[elements.size()][];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = standalone(elements.get(i));
        }
        Arrays.sort(bytes, Arrays::compareUnsigned);
        for (byte[] b : bytes) {
            writeBytes(b);
        }
    }

    private void writeElements(byte tag, Class<?> type, Collection<?> elements, boolean array) {
        writeByte(tag);
        writeClass(type);
        writeVarLong(elements.size());
        if (array && renaming.active() && allNodeIds(elements)) {
            byte[][] bytes = new byte[elements.size()][];
            int n = 0;
            for (Object e : elements) {
                bytes[n++] = standalone(e);
            }
            Arrays.sort(bytes, Arrays::compareUnsigned);
            for (byte[] b : bytes) {
                writeBytes(b);
            }
            return;
        }
        for (Object e : elements) {
            writeObject(e);
        }
    }

    private static boolean allValues(Collection<?> items) {
        for (Object o : items) {
            if (o != null && ClassInfo.of(o.getClass()).kind != ClassInfo.Kind.VALUE) {
                return false;
            }
        }
        return true;
    }

    private static boolean allKeysValues(List<Map.Entry<?, ?>> entries) {
        for (Map.Entry<?, ?> e : entries) {
            Object k = e.getKey();
            if (k != null && ClassInfo.of(k.getClass()).kind != ClassInfo.Kind.VALUE) {
                return false;
            }
        }
        return true;
    }

    private static boolean allNodeIds(Collection<?> items) {
        if (items.isEmpty()) {
            return false;
        }
        for (Object o : items) {
            if (!(o instanceof NodeId)) {
                return false;
            }
        }
        return true;
    }
}
