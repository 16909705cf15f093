package dev.grantex.platform.web;

import dev.grantex.platform.errors.ApiException;

/** Reads query parameters strictly: a value that is not what the route expects is a 400 naming it. */
public final class QueryParams {
    private QueryParams() {
    }

    public static long wholeNumber(String value, String name, long min, long max) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max);
    }
}
