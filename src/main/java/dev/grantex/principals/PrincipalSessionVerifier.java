package dev.grantex.principals;

import dev.grantex.platform.auth.CredentialKind;
import dev.grantex.platform.auth.CredentialVerifier;
import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A principal-session token: the end user it was opened for becomes the request's session. */
@ApplicationScoped
public class PrincipalSessionVerifier implements CredentialVerifier {
    /** Exactly this, as the reference requires (contract §1.1). */
    private static final String PREFIX = "Bearer ";

    @Inject
    PrincipalSessionService sessions;

    @Inject
    SessionContext sessionContext;

    @Override
    public CredentialKind kind() {
        return CredentialKind.PRINCIPAL_SESSION;
    }

    @Override
    public void authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.startsWith(PREFIX) || authorizationHeader.length() == PREFIX.length()) {
            throw ApiException.unauthorized("Missing session token");
        }
        sessionContext.authenticate(sessions.verify(authorizationHeader.substring(PREFIX.length())));
    }
}
