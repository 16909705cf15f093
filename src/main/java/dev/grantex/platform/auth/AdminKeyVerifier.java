package dev.grantex.platform.auth;

import dev.grantex.platform.crypto.Hashes;
import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator: the static key GRANTEX_ADMIN_API_KEY, or a person of the operator's identity
 * provider (GRANTEX_OPERATOR_ISSUER) whose groups hold the operator role. Liberty has authenticated
 * such a person before the request arrives (liberty/operator-sso.xml): MicroProfile JWT an access token on
 * /v1/admin, the OpenID Connect client a browser login on /operator. A token it refused leaves the
 * request unauthenticated. With neither configured, administration answers 503.
 */
@ApplicationScoped
public class AdminKeyVerifier implements CredentialVerifier {
    /** The role liberty/operator-sso.xml maps the operator group to. */
    public static final String OPERATOR_ROLE = "operator";
    private static final int MIN_KEY_LENGTH = 16;

    @Inject
    @ConfigProperty(name = "grantex.admin.api-key")
    Optional<String> adminKey;

    @Inject
    @ConfigProperty(name = "grantex.operator.issuer")
    Optional<String> operatorIssuer;

    @Inject
    HttpServletRequest request;

    @Override
    public CredentialKind kind() {
        return CredentialKind.ADMIN_KEY;
    }

    @Override
    public void authenticate(String authorizationHeader) {
        Principal person = request.getUserPrincipal();
        if (person != null) {
            if (!request.isUserInRole(OPERATOR_ROLE)) {
                throw new ApiException(403, "FORBIDDEN", person.getName()
                        + " is signed in, but none of their groups is the operator group");
            }
            return;
        }
        Optional<String> key = adminKey.map(String::trim).filter(k -> k.length() >= MIN_KEY_LENGTH);
        if (key.isEmpty() && operatorIssuer.filter(issuer -> !issuer.isBlank()).isEmpty()) {
            throw new ApiException(503, "SERVICE_UNAVAILABLE", "Administration is disabled: neither GRANTEX_ADMIN_API_KEY "
                    + "(at least 16 characters) nor GRANTEX_OPERATOR_ISSUER is set");
        }
        if (authorizationHeader == null || key.isEmpty()
                || !Hashes.constantTimeEquals(authorizationHeader, "Bearer " + key.get())) {
            throw ApiException.unauthorized("Invalid admin key or operator token");
        }
    }
}
