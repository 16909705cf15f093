package dev.grantex.platform;

import dev.grantex.platform.errors.ApiException;
import java.util.List;

/** The checks of required fields: text present, not blank, at most a given length; a value from a list. */
public final class Fields {
    private Fields() {
    }

    public static boolean isText(String value, int max) {
        return value != null && !value.isBlank() && value.length() <= max;
    }

    /** The value, or a 400 "{field} is required (1 to {max} characters)". */
    public static String requireText(String value, String field, int max) {
        if (!isText(value, max)) {
            throw ApiException.badRequest(field + " is required (1 to " + max + " characters)");
        }
        return value;
    }

    /** The value, or a 400 "{field} must be one of …". */
    public static String requireOneOf(String value, String field, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw ApiException.badRequest(field + " must be one of " + String.join(", ", allowed));
        }
        return value;
    }
}
