package io.mycel.viz.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fields of one trace record that the replay reads, streamed from its line: scalars as they
 * are, the node lists ({@code nodes}, {@code from}, {@code to}, {@code groups}) as lists of names,
 * the run's {@code positions} as a name-to-[x, y] map, and any other list or object skipped unread.
 * A line of a million-record trace is parsed this way rather than into a tree, for load speed.
 */
final class TraceFields {

    private TraceFields() {
    }

    static Map<String, Object> parse(JsonFactory json, String line, int lineNo) throws IOException {
        Map<String, Object> out = new HashMap<>();
        try (JsonParser p = json.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("line " + lineNo + " is not a trace record");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_ARRAY && (name.equals("nodes") || name.equals("from") || name.equals("to"))) {
                    out.put(name, names(p));
                } else if (v == JsonToken.START_ARRAY && name.equals("groups")) {
                    List<List<String>> groups = new ArrayList<>();
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        groups.add(names(p));
                    }
                    out.put(name, groups);
                } else if (v == JsonToken.START_OBJECT && name.equals("positions")) {
                    out.put(name, positions(p, lineNo));
                } else if (v == JsonToken.START_ARRAY || v == JsonToken.START_OBJECT) {
                    p.skipChildren();
                } else if (v == JsonToken.VALUE_NUMBER_INT) {
                    out.put(name, p.getLongValue());
                } else if (v == JsonToken.VALUE_NUMBER_FLOAT) {
                    out.put(name, p.getDoubleValue());
                } else {
                    out.put(name, p.getText());
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("line " + lineNo + " is not JSON: " + e.getOriginalMessage(), e);
        }
        return out;
    }

    /** The strings of the array the parser is at the start of, up to its end. */
    private static List<String> names(JsonParser p) throws IOException {
        List<String> names = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            names.add(p.getText());
        }
        return names;
    }

    /** {"n1": [x, y], ...}, the parser at its start: each node's two numbers. */
    private static Map<String, double[]> positions(JsonParser p, int lineNo) throws IOException {
        Map<String, double[]> out = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String node = p.getCurrentName();
            double[] xy = new double[2];
            int n = 0;
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("line " + lineNo + ": the position of " + node + " is not [x, y]");
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (n < 2 && p.currentToken().isNumeric()) {
                    xy[n] = p.getDoubleValue();
                }
                n++;
            }
            if (n != 2) {
                throw new IOException("line " + lineNo + ": the position of " + node + " is not [x, y]");
            }
            out.put(node, xy);
        }
        return out;
    }

    static String str(Map<String, Object> r, String key) {
        Object v = r.get(key);
        return v == null ? "" : String.valueOf(v);
    }
}
