package dev.grantex.platform;

import java.util.LinkedHashSet;
import java.util.List;

/** Validation of scope lists: 1 to 256 characters each, at most 100, duplicates removed in order. */
public final class Scopes {
    public static final int MAX_SCOPES = 100;
    public static final int MAX_LENGTH = 256;

    private Scopes() {
    }

    public static List<String> validate(List<String> scopes) {
        if (scopes.size() > MAX_SCOPES) {
            throw ApiException.badRequest("Too many scopes (max " + MAX_SCOPES + ")");
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String scope : scopes) {
            if (scope.isBlank() || scope.length() > MAX_LENGTH || scope.chars().anyMatch(Character::isISOControl)) {
                throw ApiException.badRequest("Invalid scope format: each scope is 1 to " + MAX_LENGTH
                        + " printable characters");
            }
            unique.add(scope);
        }
        return List.copyOf(unique);
    }
}
