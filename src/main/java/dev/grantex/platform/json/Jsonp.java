package dev.grantex.platform.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * JSON-P through one provider, looked up once. The static Json.create… methods look the provider up
 * on every call, which searches the class path; on hot paths (every entity read, every request body)
 * that cost more than the parsing.
 */
public final class Jsonp {
    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonReaderFactory STRICT_READERS =
            PROVIDER.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    private Jsonp() {
    }

    public static JsonReader reader(String json) {
        return PROVIDER.createReader(new StringReader(json));
    }

    /**
     * The JSON object in {@code json}, refusing duplicate member names: for signed documents, where two
     * readers that keep different duplicates would read different claims. Whatever cannot be read as
     * one is a {@link JsonException}.
     */
    public static JsonObject strictObject(String json) {
        try (JsonReader reader = STRICT_READERS.createReader(new StringReader(json))) {
            return refusedAsJsonException(reader::readObject);
        }
    }

    /** The JSON array in {@code json}; whatever cannot be read as one is a {@link JsonException}. */
    public static JsonArray array(String json) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(json))) {
            return refusedAsJsonException(reader::readArray);
        }
    }

    /**
     * Parsson refuses input nested more than 1,000 deep with a plain RuntimeException, and a reader
     * asked for an object that finds an array throws IllegalStateException: callers reading what a
     * client sent catch JsonException alone.
     */
    private static <T> T refusedAsJsonException(Supplier<T> read) {
        try {
            return read.get();
        } catch (JsonException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new JsonException("Unreadable JSON: " + e.getMessage(), e);
        }
    }

    /** The string a JSON value holds, or null when it is absent or not a string. */
    public static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : null;
    }

    public static JsonParser parser(String json) {
        return PROVIDER.createParser(new StringReader(json));
    }

    public static JsonObjectBuilder objectBuilder() {
        return PROVIDER.createObjectBuilder();
    }

    /** A builder starting with these members (strings, numbers, booleans, lists and maps of them). */
    public static JsonObjectBuilder objectBuilder(Map<String, Object> members) {
        return PROVIDER.createObjectBuilder(members);
    }

    /** A builder starting with the members of {@code object}. */
    public static JsonObjectBuilder objectBuilder(JsonObject object) {
        return PROVIDER.createObjectBuilder(object);
    }

    public static JsonArrayBuilder arrayBuilder() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonArrayBuilder stringArray(List<String> values) {
        JsonArrayBuilder array = PROVIDER.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }
}
