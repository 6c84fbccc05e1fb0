package io.mycel.check.format;

import clojure.lang.Keyword;
import io.mycel.check.Op;
import java.util.Locale;
import java.util.Map;

/** Builds operations from the fields Jepsen's forms give, with messages that say what was expected. */
final class OpParts {

    private static final Keyword PROCESS = Keyword.intern("process");
    private static final Keyword TYPE = Keyword.intern("type");
    private static final Keyword F = Keyword.intern("f");
    private static final Keyword VALUE = Keyword.intern("value");
    private static final Keyword KEY = Keyword.intern("key");
    private static final Keyword TIME = Keyword.intern("time");
    private static final Keyword NODE = Keyword.intern("node");

    private OpParts() {
    }

    /** An operation from an EDN map, or null when it belongs to no client (a nemesis). */
    static Op fromEdn(Map<?, ?> map, int position) {
        Object process = map.get(PROCESS);
        if (process == null) {
            throw new IllegalArgumentException(":process: expected a process number, found none");
        }
        if (!(process instanceof Long)) {
            if (process instanceof Keyword || process instanceof String) {
                return null;
            }
            throw new IllegalArgumentException(":process: expected a process number, found " + process);
        }
        Op.Type type = type(map.get(TYPE));
        Object f = map.get(F);
        if (!(f instanceof Keyword || f instanceof String)) {
            throw new IllegalArgumentException(":f: expected the operation's name, like :read, found "
                    + (f == null ? "none" : f));
        }
        Object time = map.get(TIME);
        if (time != null && !(time instanceof Long)) {
            throw new IllegalArgumentException(":time: expected nanoseconds as a whole number, found " + time);
        }
        Object node = map.get(NODE);
        return new Op(position, (Long) process, type, (String) Values.plain(f), Values.plain(map.get(KEY)),
                Values.plain(map.get(VALUE)), time == null ? position : (Long) time / 1000,
                node == null ? null : String.valueOf(Values.plain(node)), false);
    }

    static Op.Type type(Object type) {
        if (type instanceof Keyword keyword) {
            switch (keyword.getName()) {
                case "invoke":
                    return Op.Type.INVOKE;
                case "ok":
                    return Op.Type.OK;
                case "fail":
                    return Op.Type.FAIL;
                case "info":
                    return Op.Type.INFO;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(":type: expected :invoke, :ok, :fail or :info, found "
                + (type == null ? "none" : type.toString().toLowerCase(Locale.ROOT)));
    }
}
