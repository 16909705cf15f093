package dev.grantex.agents;

import dev.grantex.platform.errors.ApiException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validation of scope lists: at most 100 scopes, each 1 to 256 characters of OAuth's scope-token
 * grammar (RFC 6749 §3.3: printable ASCII without space, '"' or '\\'), duplicates removed in order.
 */
public final class Scopes {
    public static final int MAX_SCOPES = 100;
    public static final int MAX_LENGTH = 256;
    private static final Pattern PAYMENT_CAP = Pattern.compile("^payments:initiate:max_(\\d+)$");

    private Scopes() {
    }

    /** The N of a {@code payments:initiate:max_N} scope, as written: the most one payment may be, in the account's currency. */
    public static Optional<String> paymentCap(String scope) {
        Matcher cap = PAYMENT_CAP.matcher(scope);
        return cap.matches() ? Optional.of(cap.group(1)) : Optional.empty();
    }

    public static List<String> validate(List<String> scopes) {
        if (scopes.size() > MAX_SCOPES) {
            throw ApiException.badRequest("Too many scopes (max " + MAX_SCOPES + ")");
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String scope : scopes) {
            if (scope.isEmpty() || scope.length() > MAX_LENGTH || !scope.chars().allMatch(Scopes::scopeChar)) {
                throw ApiException.badRequest("Invalid scope format: each scope is 1 to " + MAX_LENGTH
                        + " printable ASCII characters without spaces, quotes or backslashes");
            }
            unique.add(scope);
        }
        return List.copyOf(unique);
    }

    private static boolean scopeChar(int c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
    }
}
