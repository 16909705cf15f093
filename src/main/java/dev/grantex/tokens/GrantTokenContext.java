package dev.grantex.tokens;

import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** The grant token a @GrantTokenEndpoint request was authenticated with. */
@RequestScoped
public class GrantTokenContext {
    private VerifiedToken token;

    void authenticate(VerifiedToken verified) {
        this.token = verified;
    }

    public VerifiedToken token() {
        if (token == null) {
            throw ApiException.unauthorized("Missing or invalid grant token");
        }
        return token;
    }
}
