package dev.grantex.principals;

import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** The principal session a request on a principal route was authenticated with. */
@RequestScoped
public class SessionContext {
    private PrincipalSession session;

    void authenticate(PrincipalSession authenticated) {
        this.session = authenticated;
    }

    /** The session; principal routes are behind the session filter, so it is always there. */
    public PrincipalSession session() {
        if (session == null) {
            throw ApiException.unauthorized("Missing session token");
        }
        return session;
    }
}
