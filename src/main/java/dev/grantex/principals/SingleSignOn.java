package dev.grantex.principals;

import java.util.Optional;

/**
 * What principal sessions need from single sign-on, which builds on them: whether a token is an SSO
 * session's and whom it names, and whether a developer requires its principals to sign in that way.
 */
public interface SingleSignOn {
    /**
     * The principal an SSO session token stands for; empty when the token is not an SSO session
     * token at all. Throws 401 when it is one but expired, revoked, or names no provisioned user.
     */
    Optional<PrincipalSession> session(String token);

    /** Whether the developer enforces SSO: then only SSO sessions open the principal routes. */
    boolean enforced(String developerId);
}
