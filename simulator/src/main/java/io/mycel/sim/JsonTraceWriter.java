package io.mycel.sim;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes trace records as JSON Lines: {@code {"t":micros,"type":...,fields...}} one per line, and
 * keeps a SHA-256 of every byte written, so two runs compare by hash.
 *
 * <p>Records stream out as the run goes: the generator hands its buffer (a few kilobytes) to the
 * stream whenever it fills, so a crash of the lab loses at most that tail.
 */
public final class JsonTraceWriter implements TraceSink {

    private static final JsonFactory JSON = new JsonFactory();

    private final MessageDigest digest;
    private final JsonGenerator generator;
    private String finalSha256;

    public JsonTraceWriter(OutputStream out) {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
            this.generator = JSON.createGenerator(new DigestOutputStream(out, digest), JsonEncoding.UTF8);
            // One record per line, nothing between records but the newline.
            this.generator.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A writer that only hashes: for determinism checks that need no file. */
    public static JsonTraceWriter hashOnly() {
        return new JsonTraceWriter(OutputStream.nullOutputStream());
    }

    @Override
    public void record(long timeMicros, String type, Object... fields) {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("trace fields come in name-value pairs: " + type);
        }
        try {
            generator.writeStartObject();
            generator.writeNumberField("t", timeMicros);
            generator.writeStringField("type", type);
            for (int i = 0; i < fields.length; i += 2) {
                generator.writeFieldName((String) fields[i]);
                writeValue(fields[i + 1]);
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trace", e);
        }
    }

    private void writeValue(Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String s) {
            generator.writeString(s);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            generator.writeNumber(n.doubleValue());
        } else if (value instanceof Boolean b) {
            generator.writeBoolean(b);
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object item : list) {
                writeValue(item);
            }
            generator.writeEndArray();
        } else if (value instanceof java.util.SortedMap<?, ?> map) {
            // Sorted maps only: the trace must not depend on a hash order.
            generator.writeStartObject();
            for (java.util.Map.Entry<?, ?> e : map.entrySet()) {
                generator.writeFieldName(String.valueOf(e.getKey()));
                writeValue(e.getValue());
            }
            generator.writeEndObject();
        } else {
            generator.writeString(value.toString());
        }
    }

    /** SHA-256 of everything written so far, in hex; flushes first. */
    public String sha256() {
        if (finalSha256 != null) {
            return finalSha256;
        }
        try {
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            MessageDigest copy = (MessageDigest) digest.clone();
            return HexFormat.of().formatHex(copy.digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
        }
    }

    @Override
    public void close() {
        if (finalSha256 != null) {
            return;
        }
        try {
            generator.writeRaw('\n');
            generator.close();
            finalSha256 = HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
