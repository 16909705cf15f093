package dev.grantex.platform.json;

import dev.grantex.platform.Text;
import dev.grantex.platform.errors.ApiException;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads request bodies strictly: the body must be a JSON object and every field a request record
 * declares must have the declared JSON type, or the client gets a 400 naming the field; text fields
 * must be storable (no NUL, no unpaired surrogate) and hold no control character but tab, CR and LF.
 * JSON objects, such as audit metadata, keep the other control characters they hold (they are stored
 * escaped), but their keys and strings must be storable too: PostgreSQL's driver would store an
 * unpaired surrogate as '?' and so change the object, even into one with duplicate keys that no
 * longer reads back. Unknown fields are ignored (SDKs send extras). An empty body reads as {},
 * because several routes are called with no body at all.
 */
public final class JsonRequests {
    private JsonRequests() {
    }

    public static JsonObject parseObject(String body) {
        if (body == null || body.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        JsonValue value;
        try (JsonParser parser = Jsonp.parser(body)) {
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) {
                throw ApiException.badRequest("Malformed JSON body: unexpected content after the JSON value");
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw ApiException.badRequest("Malformed JSON body: " + firstLine(e.getMessage()));
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // Parsson refuses input nested too deeply with a plain RuntimeException.
            throw ApiException.badRequest("Malformed JSON body: " + firstLine(e.getMessage()));
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest("Request body must be a JSON object");
        }
        return value.asJsonObject();
    }

    public static <R extends Record> R bind(String body, Class<R> type) {
        return bind(parseObject(body), type);
    }

    public static <R extends Record> R bind(JsonObject json, Class<R> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            args[i] = convert(json.get(component.getName()), component.getGenericType(), component.getName());
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ApiException api) {
                throw api;
            }
            throw new IllegalStateException("Cannot construct " + type.getSimpleName(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot construct " + type.getSimpleName(), e);
        }
    }

    private static Object convert(JsonValue value, Type type, String path) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (type == String.class) {
            if (value instanceof JsonString s) {
                if (!Text.storable(s.getString())) {
                    throw notStorable(path);
                }
                if (Text.hasControlCharacter(s.getString(), false)) {
                    throw ApiException.badRequest("'" + path + "' must not contain control characters (tab, CR and LF are allowed)");
                }
                return s.getString();
            }
            throw wrongType(path, "a string");
        }
        if (type == Boolean.class) {
            if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
                return value == JsonValue.TRUE;
            }
            throw wrongType(path, "true or false");
        }
        if (type == Integer.class || type == Long.class) {
            if (value instanceof JsonNumber n && n.isIntegral()) {
                try {
                    return type == Integer.class ? (Object) n.intValueExact() : (Object) n.longValueExact();
                } catch (ArithmeticException e) {
                    throw wrongType(path, "an integer in range");
                }
            }
            throw wrongType(path, "an integer");
        }
        if (type == JsonObject.class) {
            if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                requireStorable(value, path);
                return value.asJsonObject();
            }
            throw wrongType(path, "a JSON object");
        }
        if (type == JsonValue.class) {
            requireStorable(value, path);
            return value;
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            if (value.getValueType() != JsonValue.ValueType.ARRAY) {
                throw wrongType(path, "an array");
            }
            Type elementType = list.getActualTypeArguments()[0];
            List<Object> out = new ArrayList<>();
            int index = 0;
            for (JsonValue element : value.asJsonArray()) {
                Object converted = convert(element, elementType, path + "[" + index++ + "]");
                if (converted == null) {
                    throw wrongType(path + "[" + (index - 1) + "]", "a non-null value");
                }
                out.add(converted);
            }
            return List.copyOf(out);
        }
        throw new IllegalStateException("Unsupported request field type " + type + " for " + path);
    }

    /** Every key and string inside the value; its nesting is bounded by the parser's depth limit. */
    private static void requireStorable(JsonValue value, String path) {
        switch (value.getValueType()) {
            case STRING -> {
                if (!Text.storable(((JsonString) value).getString())) {
                    throw notStorable(path);
                }
            }
            case OBJECT -> value.asJsonObject().forEach((key, member) -> {
                if (!Text.storable(key)) {
                    throw notStorable(path);
                }
                requireStorable(member, path);
            });
            case ARRAY -> value.asJsonArray().forEach(element -> requireStorable(element, path));
            default -> {
                // Numbers, true, false and null hold no text.
            }
        }
    }

    private static ApiException notStorable(String path) {
        return ApiException.badRequest("'" + path + "' must not contain NUL characters or unpaired surrogates");
    }

    private static ApiException wrongType(String path, String expected) {
        return ApiException.badRequest("'" + path + "' must be " + expected);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
