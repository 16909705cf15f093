package dev.grantex.developers;

import dev.grantex.platform.RequestContext;
import dev.grantex.platform.auth.BearerToken;
import dev.grantex.platform.auth.CredentialKind;
import dev.grantex.platform.auth.CredentialVerifier;
import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A developer's API key: the developer it names becomes the request's caller. */
@ApplicationScoped
public class ApiKeyVerifier implements CredentialVerifier {
    @Inject
    DeveloperService developers;

    @Inject
    RequestContext requestContext;

    @Override
    public CredentialKind kind() {
        return CredentialKind.API_KEY;
    }

    @Override
    public void authenticate(String authorizationHeader) {
        String apiKey = BearerToken.from(authorizationHeader).orElseThrow(() -> ApiException.unauthorized("Missing or invalid Authorization header"));
        requestContext.authenticate(developers.authenticate(apiKey)
                .orElseThrow(() -> ApiException.unauthorized("Invalid API key")));
    }
}
