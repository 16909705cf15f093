package dev.grantex.developers;

import dev.grantex.platform.errors.ApiException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of the fields a developer account is created with. */
final class DeveloperFields {
    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$");
    private static final Set<String> MODES = Set.of(Developer.MODE_LIVE, Developer.MODE_SANDBOX);
    static final Set<String> PLANS = Set.of("free", "pro", "enterprise");

    private DeveloperFields() {
    }

    static String name(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw ApiException.badRequest("name is required (1 to 200 characters)");
        }
        return trimmed;
    }

    /** Lower-cased, or null when not given. */
    static String email(String email) {
        if (email == null) {
            return null;
        }
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        if (normalized.length() > 254 || !EMAIL.matcher(normalized).matches()) {
            throw ApiException.badRequest("email must be a valid address of at most 254 characters");
        }
        return normalized;
    }

    static String mode(String mode) {
        if (mode == null) {
            return Developer.MODE_LIVE;
        }
        if (!MODES.contains(mode)) {
            throw ApiException.badRequest("mode must be \"live\" or \"sandbox\"");
        }
        return mode;
    }

    static String plan(String plan) {
        if (!PLANS.contains(plan)) {
            throw ApiException.badRequest("plan must be \"free\", \"pro\" or \"enterprise\"");
        }
        return plan;
    }
}
