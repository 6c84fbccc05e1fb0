package io.mycel.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a verdict table.
 *
 * @param summary one line a person reads first
 * @param evidence details, in the order given, for the verdict file: numbers, the offending operations, per-node values
 */
public record CheckResult(String check, Verdict verdict, String summary, Map<String, Object> evidence) {

    public CheckResult {
        // Insertion order is kept, so the verdict file is the same byte for byte on every run.
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }
}
