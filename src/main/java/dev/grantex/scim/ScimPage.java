package dev.grantex.scim;

/**
 * A list request's page (RFC 7644 §3.4.2.4): startIndex from 1 (less is 1) up to {@link #MAX_START_INDEX}
 * (more is that, past every result), count from 0 (less is 0) up to {@link #MAX_COUNT}, 100 when not given.
 */
record ScimPage(int startIndex, int count) {
    static final int MAX_COUNT = 200;
    /** The query's offset and its offset plus count stay within an int, as JPA takes them. */
    static final int MAX_START_INDEX = Integer.MAX_VALUE - MAX_COUNT;
    private static final int DEFAULT_COUNT = 100;

    static ScimPage of(String startIndex, String count) {
        return new ScimPage((int) Math.min(MAX_START_INDEX, Math.max(1, number(startIndex, "startIndex", 1))),
                (int) Math.min(MAX_COUNT, Math.max(0, number(count, "count", DEFAULT_COUNT))));
    }

    private static long number(String value, String name, long absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ScimErrors.invalidValue(name + " must be an integer");
        }
    }
}
