package dev.grantex.principals;

import dev.grantex.grants.GrantService;
import dev.grantex.keys.Rs256JwtVerifier;
import dev.grantex.keys.SignedJwts;
import dev.grantex.platform.Caller;
import dev.grantex.platform.Durations;
import dev.grantex.platform.Fields;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Principal sessions: a short-lived JWT, signed with the grant-token key, that lets one end user see
 * and revoke their own grants with one developer. It carries purpose "principal_dashboard", which
 * no grant token has, so neither kind of token is accepted in place of the other.
 */
@ApplicationScoped
public class PrincipalSessionService {
    static final String PURPOSE = "principal_dashboard";
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    private static final Duration MAX_LIFETIME = Duration.ofHours(24);

    /** A session just opened: its token and when it expires. */
    public record Opened(String token, PrincipalSession session) {
    }

    @Inject
    SignedJwts signedJwts;

    @Inject
    GrantService grants;

    @Inject
    SingleSignOn singleSignOn;

    @Inject
    Clock clock;

    /**
     * Opens a session for a principal who has at least one active grant with the caller; expiresIn
     * defaults to 1h, and longer than 24h is shortened to 24h.
     */
    public Opened open(Caller caller, String principalId, String expiresIn) {
        Fields.requireText(principalId, "principalId", 256);
        Duration lifetime = expiresIn == null ? DEFAULT_LIFETIME : Durations.parseExpiresInUpTo(expiresIn, MAX_LIFETIME);
        if (singleSignOn.enforced(caller.developerId())) {
            throw new ApiException(403, "FORBIDDEN", "This developer requires single sign-on: principals sign in "
                    + "through their identity provider (/sso/login), not with sessions opened by the API key");
        }
        if (!grants.hasActiveGrant(caller.developerId(), principalId)) {
            throw ApiException.notFound("No active grants found for this principal");
        }
        long now = clock.millis();
        Instant expiresAt = Instant.ofEpochSecond((now + lifetime.toMillis()) / 1000);
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(signedJwts.issuer());
        claims.setSubject(principalId);
        claims.setClaim("dev", caller.developerId());
        claims.setClaim("purpose", PURPOSE);
        claims.setIssuedAt(NumericDate.fromMilliseconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        return new Opened(signedJwts.sign(claims), new PrincipalSession(caller.developerId(), principalId, expiresAt));
    }

    /** The session a token stands for, or 401 saying whether it expired or is not a session token at all. */
    public PrincipalSession verify(String token) {
        Instant now = clock.instant();
        Rs256JwtVerifier.Verified jwt = signedJwts.verifier().verify(token, now)
                .filter(PrincipalSessionService::isSession)
                .orElseThrow(() -> ApiException.unauthorized("Invalid session token"));
        if (jwt.expiredAt(now)) {
            throw ApiException.unauthorized("Session expired");
        }
        return new PrincipalSession(Jsonp.text(jwt.claims().get("dev")), Jsonp.text(jwt.claims().get("sub")), jwt.expiresAt());
    }

    private static boolean isSession(Rs256JwtVerifier.Verified jwt) {
        return PURPOSE.equals(Jsonp.text(jwt.claims().get("purpose")))
                && Fields.isText(Jsonp.text(jwt.claims().get("dev")), 256)
                && Fields.isText(Jsonp.text(jwt.claims().get("sub")), 256);
    }
}
