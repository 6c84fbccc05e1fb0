package io.mycel.mc.state;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.util.IdentityHashMap;

/**
 * Deep copies of a whole system state, so the explorer can branch from a state without replaying
 * the path to it. The copy keeps the object graph's shape exactly: objects reached twice are copied
 * once, cycles stay cycles, and a view over a collection stays a view over the copied collection.
 *
 * <p>Values (strings, boxed numbers, enums, node ids, records of values) and objects without fields
 * are shared; fields marked {@link Constant} are shared too. Objects are made without running their
 * constructors and their fields written by reflection; records are rebuilt through their canonical
 * constructor. A lambda is shared when what it captured is shared too, and refused otherwise, since
 * its captured values cannot be written: such state belongs in a named class.
 *
 * <p>JDK collections are copied field by field, which needs {@code --add-opens
 * java.base/java.util=ALL-UNNAMED} (the mycel launcher and the test runs pass it).
 */
public final class GraphCopier {

    /** Objects the last copy made: the next one sizes its table for as many, so it never grows. */
    private static volatile int lastCount = 256;

    private final IdentityHashMap<Object, Object> copies;
    private final IdentityHashMap<Object, Boolean> building = new IdentityHashMap<>();

    private GraphCopier(int expected) {
        this.copies = new IdentityHashMap<>(expected);
    }

    /** A deep copy of {@code root}, sharing nothing mutable with it. */
    @SuppressWarnings("unchecked")
    public static <T> T copy(T root) {
        GraphCopier copier = new GraphCopier(lastCount + lastCount / 4);
        T copy = (T) copier.copyOf(root);
        lastCount = copier.copies.size();
        return copy;
    }

    private Object copyOf(Object o) {
        if (o == null) {
            return null;
        }
        ClassInfo info = ClassInfo.of(o.getClass());
        switch (info.kind) {
            case VALUE:
            case STATELESS:
                return o;
            default:
                break;
        }
        Object done = copies.get(o);
        if (done != null) {
            return done;
        }
        try {
            switch (info.kind) {
                case PRIMITIVE_ARRAY:
                    return remember(o, copyPrimitiveArray(o));
                case OBJECT_ARRAY:
                    return copyObjectArray(o);
                case RECORD:
                    return copyRecord(o, info);
                case HIDDEN:
                    return shareHidden(o, info);
                default:
                    return copyFields(o, info);
            }
        } catch (IllegalAccessException e) {
            throw new StateAccessException("cannot copy a " + o.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    private Object remember(Object original, Object copy) {
        copies.put(original, copy);
        return copy;
    }

    private static Object copyPrimitiveArray(Object o) {
        if (o instanceof byte[] a) {
            return a.clone();
        } else if (o instanceof int[] a) {
            return a.clone();
        } else if (o instanceof long[] a) {
            return a.clone();
        } else if (o instanceof boolean[] a) {
            return a.clone();
        } else if (o instanceof char[] a) {
            return a.clone();
        } else if (o instanceof double[] a) {
            return a.clone();
        } else if (o instanceof short[] a) {
            return a.clone();
        }
        return ((float[]) o).clone();
    }

    private Object copyObjectArray(Object o) {
        Object[] from = (Object[]) o;
        Object[] to = (Object[]) Array.newInstance(o.getClass().getComponentType(), from.length);
        remember(o, to);
        for (int i = 0; i < from.length; i++) {
            to[i] = copyOf(from[i]);
        }
        return to;
    }

    private Object copyFields(Object o, ClassInfo info) throws IllegalAccessException {
        if (info.refusal != null) {
            throw new StateAccessException(info.refusal);
        }
        Object to = info.allocate();
        remember(o, to);
        for (ClassInfo.Slot slot : info.slots) {
            Field f = slot.field();
            Class<?> t = f.getType();
            if (t.isPrimitive()) {
                copyPrimitive(f, o, to, t);
            } else {
                Object value = f.get(o);
                f.set(to, slot.constant() ? value : copyOf(value));
            }
        }
        return to;
    }

    private static void copyPrimitive(Field f, Object from, Object to, Class<?> t) throws IllegalAccessException {
        if (t == long.class) {
            f.setLong(to, f.getLong(from));
        } else if (t == int.class) {
            f.setInt(to, f.getInt(from));
        } else if (t == boolean.class) {
            f.setBoolean(to, f.getBoolean(from));
        } else if (t == double.class) {
            f.setDouble(to, f.getDouble(from));
        } else if (t == byte.class) {
            f.setByte(to, f.getByte(from));
        } else if (t == char.class) {
            f.setChar(to, f.getChar(from));
        } else if (t == short.class) {
            f.setShort(to, f.getShort(from));
        } else {
            f.setFloat(to, f.getFloat(from));
        }
    }

    private Object copyRecord(Object o, ClassInfo info) throws IllegalAccessException {
        if (info.refusal != null) {
            throw new StateAccessException(info.refusal);
        }
        if (building.put(o, Boolean.TRUE) != null) {
            throw new StateAccessException("record " + o.getClass().getName()
                    + " is reached again from its own components: a cycle through a record cannot be copied");
        }
        Object[] args = new Object[info.components.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = copyOf(info.components[i].get(o));
        }
        building.remove(o);
        try {
            return remember(o, info.canonical.newInstance(args));
        } catch (InstantiationException | InvocationTargetException e) {
            throw new StateAccessException("record " + o.getClass().getName() + " refused its own components", e);
        }
    }

    /** A lambda is shared when all it captured is shared by a copy anyway; otherwise it cannot be copied. */
    private Object shareHidden(Object o, ClassInfo info) throws IllegalAccessException {
        for (ClassInfo.Slot slot : info.slots) {
            Object captured = slot.field().getType().isPrimitive() ? null : slot.field().get(o);
            if (captured != null && copyOf(captured) != captured) {
                throw new StateAccessException("a lambda of class " + o.getClass().getName() + " captured a "
                        + captured.getClass().getName() + ", which is mutable state: keep such state in a named "
                        + "class so a model checker can copy it");
            }
        }
        return o;
    }
}
