package dev.grantex.platform.auth;

import dev.grantex.platform.crypto.Hashes;
import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The operator's key, GRANTEX_ADMIN_API_KEY; without one (or a short one) administration answers 503. */
@ApplicationScoped
public class AdminKeyVerifier implements CredentialVerifier {
    private static final int MIN_KEY_LENGTH = 16;

    @Inject
    @ConfigProperty(name = "grantex.admin.api-key")
    Optional<String> adminKey;

    @Override
    public CredentialKind kind() {
        return CredentialKind.ADMIN_KEY;
    }

    @Override
    public void authenticate(String authorizationHeader) {
        String key = adminKey.map(String::trim).filter(k -> k.length() >= MIN_KEY_LENGTH).orElseThrow(() ->
                new ApiException(503, "SERVICE_UNAVAILABLE",
                        "Administration is disabled: GRANTEX_ADMIN_API_KEY is not set (or shorter than 16 characters)"));
        if (authorizationHeader == null || !Hashes.constantTimeEquals(authorizationHeader, "Bearer " + key)) {
            throw ApiException.unauthorized("Invalid admin key");
        }
    }
}
