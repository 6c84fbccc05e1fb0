package io.mycel.check.format;

import clojure.lang.BigInt;
import clojure.lang.Keyword;
import clojure.lang.Symbol;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns what Clojure's EDN reader returns into the plain values of {@link io.mycel.check.Op}. */
final class Values {

    private Values() {
    }

    /**
     * Null, Long, Double, Boolean and String pass through; keywords and symbols become their names;
     * vectors, lists and sets become Lists. Maps are not operation values in any model we know.
     */
    static Object plain(Object edn) {
        if (edn == null || edn instanceof Long || edn instanceof String || edn instanceof Boolean
                || edn instanceof Double) {
            return edn;
        }
        if (edn instanceof Keyword keyword) {
            return keyword.getName();
        }
        if (edn instanceof Symbol symbol) {
            return symbol.getName();
        }
        if (edn instanceof BigInt || edn instanceof BigInteger) {
            throw new IllegalArgumentException("a whole number too large for 64 bits: " + edn);
        }
        if (edn instanceof Number number) {
            return number.doubleValue();
        }
        if (edn instanceof Iterable<?> items && !(edn instanceof Map<?, ?>)) {
            List<Object> out = new ArrayList<>();
            for (Object item : items) {
                out.add(plain(item));
            }
            return out;
        }
        throw new IllegalArgumentException("a value of a kind no model reads: " + edn);
    }
}
