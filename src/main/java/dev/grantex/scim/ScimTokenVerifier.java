package dev.grantex.scim;

import dev.grantex.platform.RequestContext;
import dev.grantex.platform.auth.BearerToken;
import dev.grantex.platform.auth.CredentialKind;
import dev.grantex.platform.auth.CredentialVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A SCIM token: the developer it was made by becomes the request's caller, the tenant of every SCIM route. */
@ApplicationScoped
public class ScimTokenVerifier implements CredentialVerifier {
    @Inject
    ScimTokenService tokens;

    @Inject
    RequestContext requestContext;

    @Override
    public CredentialKind kind() {
        return CredentialKind.SCIM_TOKEN;
    }

    @Override
    public void authenticate(String authorizationHeader) {
        String secret = BearerToken.from(authorizationHeader)
                .orElseThrow(() -> ScimErrors.unauthorized("Missing or invalid Authorization header: send Bearer <SCIM token>"));
        requestContext.authenticate(tokens.authenticate(secret)
                .orElseThrow(() -> ScimErrors.unauthorized("Invalid SCIM token")));
    }
}
