package dev.grantex.scim;

import java.util.Locale;

/** The key of a case-insensitive value (userName, displayName, an email address), as stored and compared. */
final class ScimText {
    private ScimText() {
    }

    static String key(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
