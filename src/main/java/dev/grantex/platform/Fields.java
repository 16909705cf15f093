package dev.grantex.platform;

import dev.grantex.platform.errors.ApiException;

/** The one check for required text fields: present, not blank, at most a given length. */
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
}
