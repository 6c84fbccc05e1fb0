package io.mycel.mc.state;

import io.mycel.node.api.NodeId;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the copier and the encoder need to know of one class, worked out once: whether its instances
 * are values (immutable, compared by content), its fields, or its record components and canonical
 * constructor.
 */
final class ClassInfo {

    enum Kind {
        /** Immutable and free of other objects' identity: shared by copies, encoded by content. */
        VALUE,
        /** No instance fields at all: shared by copies. */
        STATELESS,
        PRIMITIVE_ARRAY,
        OBJECT_ARRAY,
        MAP,
        COLLECTION,
        RECORD,
        /** A lambda or other hidden class: its captured values cannot be written, only read. */
        HIDDEN,
        FIELDS
    }

    /** One instance field, made accessible. */
    record Slot(Field field, boolean constant, boolean notState) {
    }

    private static final Set<Class<?>> VALUE_CLASSES = Set.of(String.class, Boolean.class, Character.class,
            Byte.class, Short.class, Integer.class, Long.class, Float.class, Double.class, BigInteger.class,
            BigDecimal.class, NodeId.class, Class.class);

    private static final ClassValue<ClassInfo> CACHE = new ClassValue<>() {
        @Override
        protected ClassInfo computeValue(Class<?> type) {
            return new ClassInfo(type);
        }
    };

    final Class<?> type;
    final Kind kind;
    /** For {@link Kind#FIELDS} and {@link Kind#HIDDEN}: every instance field, superclasses' first. */
    final Slot[] slots;
    /** For {@link Kind#RECORD}: the components' fields, in declaration order. */
    final Field[] components;
    final Constructor<?> canonical;
    /** Why the class cannot be copied or read, or null. */
    final String refusal;

    static ClassInfo of(Class<?> type) {
        return CACHE.get(type);
    }

    private ClassInfo(Class<?> type) {
        this.type = type;
        Slot[] s = null;
        Field[] comps = null;
        Constructor<?> canon = null;
        String refused = null;
        Kind k;
        if (type.isRecord()) {
            RecordComponent[] rc = type.getRecordComponents();
            comps = new Field[rc.length];
            Class<?>[] types = new Class<?>[rc.length];
            try {
                for (int i = 0; i < rc.length; i++) {
                    comps[i] = type.getDeclaredField(rc[i].getName());
                    comps[i].setAccessible(true);
                    types[i] = rc[i].getType();
                }
                canon = type.getDeclaredConstructor(types);
                canon.setAccessible(true);
            } catch (NoSuchFieldException | NoSuchMethodException | InaccessibleObjectException e) {
                refused = "record " + type.getName() + " cannot be rebuilt: " + e.getMessage();
            }
        }
        if (isValueClass(type)) {
            k = Kind.VALUE;
        } else if (type.isArray()) {
            k = type.getComponentType().isPrimitive() ? Kind.PRIMITIVE_ARRAY : Kind.OBJECT_ARRAY;
        } else if (type.isRecord()) {
            k = Kind.RECORD;
        } else {
            List<Slot> fields = new ArrayList<>();
            try {
                collectFields(type, fields);
            } catch (InaccessibleObjectException e) {
                refused = type.getName() + " is in a package not opened to the model checker (run the JVM with "
                        + "--add-opens " + type.getModule().getName() + "/" + type.getPackageName() + "=ALL-UNNAMED): "
                        + e.getMessage();
            }
            s = fields.toArray(new Slot[0]);
            if (Map.class.isAssignableFrom(type)) {
                k = Kind.MAP;
            } else if (Collection.class.isAssignableFrom(type)) {
                k = Kind.COLLECTION;
            } else if (type.isHidden()) {
                k = Kind.HIDDEN;
            } else if (refused == null && s.length == 0) {
                k = Kind.STATELESS;
            } else {
                k = Kind.FIELDS;
            }
        }
        this.kind = k;
        this.slots = s;
        this.components = comps;
        this.canonical = canon;
        this.refusal = refused;
    }

    /** Immutable classes whose instances hold no identity that matters: compared and shared by content. */
    static boolean isValueClass(Class<?> type) {
        if (type.isPrimitive() || VALUE_CLASSES.contains(type) || Enum.class.isAssignableFrom(type)) {
            return true;
        }
        if (type.isRecord() && Modifier.isFinal(type.getModifiers())) {
            for (RecordComponent c : type.getRecordComponents()) {
                Class<?> t = c.getType();
                if (!(t.isPrimitive() || VALUE_CLASSES.contains(t) || t.isEnum()
                        || (t.isRecord() && t != type && isValueClass(t)))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static void collectFields(Class<?> type, List<Slot> out) {
        if (type == null || type == Object.class) {
            return;
        }
        collectFields(type.getSuperclass(), out);
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            out.add(new Slot(f, f.isAnnotationPresent(Constant.class), f.isAnnotationPresent(NotState.class)));
        }
    }

    /** A new instance with every field at its default, made without running a constructor. */
    Object allocate() {
        try {
            return UNSAFE.allocateInstance(type);
        } catch (InstantiationException e) {
            throw new StateAccessException("cannot make an instance of " + type.getName(), e);
        }
    }

    /** Allocation without a constructor, as serialization does it; in jdk.unsupported, open to all. */
    private static final sun.misc.Unsafe UNSAFE = unsafe();

    private static sun.misc.Unsafe unsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
