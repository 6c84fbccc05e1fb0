package io.mycel.check.lin;

import io.mycel.check.CheckResult;
import io.mycel.check.History;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * A linearizability result as people and tools read it: indented text for a terminal, and an ordered
 * map (written as JSON) for the verdict file and the visual replay. Operations are named by process,
 * function and values, and located by their positions in the history and, when the history came
 * from a file, by line.
 */
public final class LinearizabilityReport {

    /** How many operations of the linearized prefix the text shows, counting back from its end. */
    private static final int PREFIX_SHOWN = 5;

    private final IntUnaryOperator lineOf;

    /** @param lineOf the source line of the history entry at a position, or 0 when unknown */
    public LinearizabilityReport(IntUnaryOperator lineOf) {
        this.lineOf = lineOf;
    }

    /** The operation in one line: {@code process 3 cas [1 4] -> ok (lines 80-85)}. */
    public String describe(History.Operation op) {
        StringBuilder out = new StringBuilder("process ").append(op.process()).append(' ').append(op.f());
        if (op.key() != null) {
            out.append(" key ").append(show(op.key()));
        }
        if (op.invoke().value() != null) {
            out.append(' ').append(show(op.invoke().value()));
        }
        out.append(" -> ").append(op.outcome().jsonName());
        if (op.completion() != null && op.completion().value() != null
                && !op.completion().value().equals(op.invoke().value())) {
            out.append(' ').append(show(op.completion().value()));
        }
        out.append(" (").append(where(op)).append(')');
        return out.toString();
    }

    private String where(History.Operation op) {
        int from = lineOf.applyAsInt(op.invokeAt());
        int to = op.completeAt() < 0 ? 0 : lineOf.applyAsInt(op.completeAt());
        if (from > 0) {
            return to > 0 ? "lines " + from + "-" + to : "line " + from + ", never completed";
        }
        return op.completeAt() < 0 ? "entry " + op.invokeAt() + ", never completed"
                : "entries " + op.invokeAt() + "-" + op.completeAt();
    }

    /** A few lines: the verdict, and on failure what could not be linearized and why. */
    public String text(LinearizabilityResult result) {
        StringBuilder out = new StringBuilder();
        LinearizabilityResult.Failure failure = result.failure();
        if (failure == null) {
            return result.reason().isEmpty() ? "" : "  " + result.reason() + "\n";
        }
        if (failure.key() != null) {
            out.append("  key ").append(show(failure.key())).append(" is not linearizable\n");
        }
        out.append("  cannot linearize: ").append(describe(failure.blocking())).append('\n');
        List<History.Operation> prefix = failure.linearized();
        out.append("  after the longest linearizable prefix (").append(prefix.size()).append(" operations")
                .append(prefix.size() > PREFIX_SHOWN ? ", last " + PREFIX_SHOWN : "").append(") the state is ")
                .append(failure.stateAfter()).append('\n');
        for (History.Operation op : prefix.subList(Math.max(0, prefix.size() - PREFIX_SHOWN), prefix.size())) {
            out.append("      ").append(describe(op)).append('\n');
        }
        out.append("  a minimal set that is not linearizable (").append(failure.minimal().size()).append(" operations")
                .append(failure.minimalComplete() ? "" : "; the evidence budget ran out, it may not be minimal")
                .append("):\n");
        for (History.Operation op : failure.minimal()) {
            out.append(op == failure.blocking() ? "    * " : "      ").append(describe(op)).append('\n');
        }
        return out.toString();
    }

    /** The result for a verdict table and the verdict file. */
    public CheckResult checkResult(LinearizabilityResult result) {
        String summary = switch (result.verdict()) {
            case PASS -> result.searched() + " operations linearizable (" + result.model() + ")";
            case UNKNOWN -> "could not decide: " + result.reason();
            case FAIL -> "not linearizable: cannot linearize " + describe(result.failure().blocking());
        };
        return new CheckResult(LinearizabilityChecker.NAME, result.verdict(), summary, json(result));
    }

    /** Everything in the result, in a fixed order, as JSON-ready maps and lists. */
    public Map<String, Object> json(LinearizabilityResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("verdict", result.verdict().label());
        out.put("model", result.model());
        out.put("operations", result.operations());
        out.put("searched", result.searched());
        out.put("partitions", result.partitions());
        out.put("states-visited", result.statesVisited());
        if (!result.reason().isEmpty()) {
            out.put("reason", result.reason());
        }
        LinearizabilityResult.Failure failure = result.failure();
        if (failure != null) {
            if (failure.key() != null) {
                out.put("key", failure.key());
            }
            out.put("blocking", operation(failure.blocking()));
            out.put("state-after-prefix", failure.stateAfter());
            out.put("linearized-prefix", operations(failure.linearized()));
            out.put("minimal", operations(failure.minimal()));
            out.put("minimal-complete", failure.minimalComplete());
        }
        return out;
    }

    private List<Object> operations(List<History.Operation> ops) {
        List<Object> out = new ArrayList<>();
        for (History.Operation op : ops) {
            out.add(operation(op));
        }
        return out;
    }

    private Map<String, Object> operation(History.Operation op) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("process", op.process());
        out.put("f", op.f());
        if (op.key() != null) {
            out.put("key", op.key());
        }
        out.put("value", op.invoke().value());
        out.put("outcome", op.outcome().jsonName());
        if (op.completion() != null) {
            out.put("result", op.completion().value());
        }
        out.put("invoke-index", op.invoke().index());
        out.put("complete-index", op.completion() == null ? null : op.completion().index());
        int line = lineOf.applyAsInt(op.invokeAt());
        if (line > 0) {
            out.put("invoke-line", line);
            out.put("complete-line", op.completeAt() < 0 ? null : lineOf.applyAsInt(op.completeAt()));
        }
        return out;
    }

    private static String show(Object value) {
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : " ").append(show(list.get(i)));
            }
            return out.append(']').toString();
        }
        return String.valueOf(value);
    }

}
