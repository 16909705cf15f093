package dev.grantex.tokens;

import dev.grantex.developers.Developer;
import dev.grantex.platform.Caller;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.auth.BearerToken;
import dev.grantex.platform.auth.CredentialKind;
import dev.grantex.platform.auth.CredentialVerifier;
import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * A grant token, live as online verification judges it (signature, expiry, revocation of the token
 * and its grant), of whichever developer issued it: that developer becomes the request's caller.
 */
@ApplicationScoped
public class GrantTokenVerifier implements CredentialVerifier {
    @Inject
    TokenVerifier tokens;

    @Inject
    GrantTokenContext grantTokenContext;

    @Inject
    RequestContext requestContext;

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Override
    public CredentialKind kind() {
        return CredentialKind.GRANT_TOKEN;
    }

    @Override
    public void authenticate(String authorizationHeader) {
        String token = BearerToken.from(authorizationHeader)
                .orElseThrow(() -> ApiException.unauthorized("Missing or invalid Authorization header: send Bearer <grant token>"));
        VerifiedToken verified = tokens.parse(token)
                .flatMap(parsed -> tokens.verifyActive(token, parsed.developerId()))
                .orElseThrow(() -> ApiException.unauthorized("Invalid, expired or revoked grant token"));
        Developer developer = em.find(Developer.class, verified.developerId());
        if (developer == null) {
            throw ApiException.unauthorized("Invalid, expired or revoked grant token");
        }
        grantTokenContext.authenticate(verified);
        requestContext.authenticate(new Caller(developer.id(), developer.name(), developer.mode(), developer.plan()));
    }
}
