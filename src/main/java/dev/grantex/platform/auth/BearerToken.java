package dev.grantex.platform.auth;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The credential of an {@code Authorization: Bearer <token>} header (scheme case-insensitive). */
public final class BearerToken {
    private static final Pattern BEARER = Pattern.compile("^Bearer[ \\t]+(\\S+)$", Pattern.CASE_INSENSITIVE);

    private BearerToken() {
    }

    public static Optional<String> from(String authorizationHeader) {
        if (authorizationHeader == null) {
            return Optional.empty();
        }
        Matcher bearer = BEARER.matcher(authorizationHeader);
        return bearer.matches() ? Optional.of(bearer.group(1)) : Optional.empty();
    }
}
