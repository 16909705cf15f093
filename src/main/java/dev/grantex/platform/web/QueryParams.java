package dev.grantex.platform.web;

import dev.grantex.platform.errors.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads query parameters strictly: a value that is not what the route expects is a 400 naming it. */
public final class QueryParams {
    /** The latest time a query parameter may name. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

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

    /** An ISO-8601 UTC time between 1970 and 9999, or null when the parameter is absent. */
    public static Instant instant(String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            Instant parsed = Instant.parse(value);
            if (parsed.isAfter(LATEST) || parsed.isBefore(Instant.EPOCH)) {
                throw ApiException.badRequest(name + " must be between 1970 and 9999");
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 UTC time such as 2026-01-31T00:00:00.000Z");
        }
    }
}
