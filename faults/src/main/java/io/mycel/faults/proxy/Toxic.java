package io.mycel.faults.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One toxic on a proxy, in Toxiproxy's model: a name, a type, the stream it acts on, the share of
 * connections it touches ({@code toxicity}, drawn once per connection) and its attributes. Immutable:
 * an update makes a new toxic, which the proxy's connections pick up on their next chunk.
 *
 * @param attributes every attribute of the type, as {@code Long}, {@code Double} or {@code String}
 * @param shape for a {@code mycel_link} toxic, its attributes read once (they are checked by reading
 *     them, and a connection must not read them again on every frame); null for the other types
 */
record Toxic(String name, ToxicType type, Stream stream, double toxicity, Map<String, Object> attributes, LinkShape shape) {

    /** Toxiproxy's names: upstream runs from the client to the proxied server, downstream back. */
    enum Stream {
        UPSTREAM, DOWNSTREAM;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Stream parse(String text) {
            for (Stream s : values()) {
                if (s.wireName().equals(text)) {
                    return s;
                }
            }
            throw new ApiException(400, "stream must be upstream or downstream, got '" + text + "'");
        }
    }

    Toxic {
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        shape = type == ToxicType.MYCEL_LINK ? LinkShape.of(name, attributes) : null;
    }

    Toxic(String name, ToxicType type, Stream stream, double toxicity, Map<String, Object> attributes) {
        this(name, type, stream, toxicity, attributes, null);
    }

    /** A toxic from a create request's body; what the body leaves out takes Toxiproxy's defaults. */
    static Toxic fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "a toxic is a JSON object such as {\"type\": \"latency\", \"attributes\": {\"latency\": 100}}");
        }
        ToxicType type = ToxicType.byWireName(requiredText(body, "type"));
        Stream stream = body.has("stream") ? Stream.parse(body.get("stream").asText()) : Stream.DOWNSTREAM;
        String name = body.hasNonNull("name") && !body.get("name").asText().isEmpty()
                ? body.get("name").asText() : type.wireName + "_" + stream.wireName();
        Toxic fresh = new Toxic(name, type, stream, 1.0, type.defaults);
        return fresh.updatedBy(body, true);
    }

    /** This toxic with the toxicity and attributes a body gives (the others kept). */
    Toxic updatedBy(JsonNode body, boolean creating) {
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "a toxic update is a JSON object such as {\"attributes\": {\"latency\": 200}}");
        }
        for (Iterator<String> fields = body.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            boolean allowed = field.equals("toxicity") || field.equals("attributes")
                    || (creating && (field.equals("name") || field.equals("type") || field.equals("stream")))
                    || (!creating && field.equals("name") && body.get("name").asText().equals(name))
                    || (!creating && field.equals("type") && body.get("type").asText().equals(type.wireName))
                    || (!creating && field.equals("stream") && body.get("stream").asText().equals(stream.wireName()));
            if (!allowed) {
                throw new ApiException(400, creating ? "unknown field '" + field + "' in a toxic"
                        : "a toxic's " + field + " cannot change; remove it and add another");
            }
        }
        double newToxicity = toxicity;
        if (body.has("toxicity")) {
            JsonNode t = body.get("toxicity");
            if (!t.isNumber() || !(t.asDouble() >= 0 && t.asDouble() <= 1)) {
                throw new ApiException(400, "toxicity must be a number in [0, 1], got " + t);
            }
            newToxicity = t.asDouble();
        }
        Map<String, Object> merged = new LinkedHashMap<>(attributes);
        JsonNode given = body.get("attributes");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                throw new ApiException(400, "attributes must be a JSON object, got " + given);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                merged.put(e.getKey(), attributeValue(e.getKey(), e.getValue()));
            }
        }
        return new Toxic(name, type, stream, newToxicity, merged);
    }

    private Object attributeValue(String key, JsonNode value) {
        Object kind = type.defaults.get(key);
        if (kind == null) {
            throw new ApiException(400, "a " + type.wireName + " toxic has no attribute '" + key + "'; it has "
                    + String.join(", ", type.attributeNames()));
        }
        if (kind instanceof String) {
            if (!value.isTextual()) {
                throw new ApiException(400, "attribute " + key + " must be a string, got " + value);
            }
            return value.asText();
        }
        if (kind instanceof Double) {
            if (!value.isNumber() || !(value.asDouble() >= 0 && value.asDouble() <= 1)) {
                throw new ApiException(400, "attribute " + key + " must be a probability in [0, 1], got " + value);
            }
            return value.asDouble();
        }
        if (!value.isIntegralNumber() || value.asLong() < 0) {
            throw new ApiException(400, "attribute " + key + " must be a whole number, not negative, got " + value);
        }
        return value.asLong();
    }

    long longAttribute(String key) {
        return (Long) attributes.get(key);
    }

    ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("name", name);
        out.put("type", type.wireName);
        out.put("stream", stream.wireName());
        out.put("toxicity", toxicity);
        ObjectNode attrs = out.putObject("attributes");
        attributes.forEach((k, v) -> {
            if (v instanceof Long l) {
                attrs.put(k, l);
            } else if (v instanceof Double d) {
                attrs.put(k, d);
            } else {
                attrs.put(k, (String) v);
            }
        });
        return out;
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new ApiException(400, "a toxic needs a '" + field + "'");
        }
        return value.asText();
    }
}
