package dev.grantex.principals;

import dev.grantex.platform.auth.CredentialKind;
import dev.grantex.platform.auth.CredentialVerifier;
import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * A principal-session token, or the token of an SSO session: the end user it was opened for becomes
 * the request's session. A developer that enforces SSO accepts only the latter.
 */
@ApplicationScoped
public class PrincipalSessionVerifier implements CredentialVerifier {
    /** Exactly this, as the reference requires (contract §1.1). */
    private static final String PREFIX = "Bearer ";

    @Inject
    PrincipalSessionService sessions;

    @Inject
    SingleSignOn singleSignOn;

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
        String token = authorizationHeader.substring(PREFIX.length());
        Optional<PrincipalSession> signedIn = singleSignOn.session(token);
        if (signedIn.isPresent()) {
            sessionContext.authenticate(signedIn.get());
            return;
        }
        PrincipalSession session = sessions.verify(token);
        if (singleSignOn.enforced(session.developerId())) {
            throw ApiException.unauthorized("This developer requires single sign-on: sign in through /sso/login");
        }
        sessionContext.authenticate(session);
    }
}
