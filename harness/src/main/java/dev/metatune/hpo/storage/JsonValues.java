package dev.metatune.hpo.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Attribute values as JSON: every storage keeps what JSON can hold (strings, numbers, booleans,
 * lists, maps, null) and hands back the same Java types for them, whichever backend it is. Reading
 * also takes the {@code NaN} and {@code Infinity} that Python's {@code json.dumps} writes.
 */
public final class JsonValues {

    /** Configured once and never changed, so safe to share. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private JsonValues() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value '" + value + "' cannot be stored as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Object read(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored value is not JSON: " + json, e);
        }
    }

    /** {@code value} as it comes back from storage (a JSON round trip). */
    public static Object normalize(Object value) {
        return read(write(value));
    }
}
