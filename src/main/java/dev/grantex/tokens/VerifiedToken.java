package dev.grantex.tokens;

import java.time.Instant;
import java.util.List;
import org.jose4j.jwt.JwtClaims;

/** The claims of a grant token whose signature, issuer and required claims checked out (it may have expired). */
public record VerifiedToken(String jti, String grantId, String developerId, String principal, String agentDid,
                            List<String> scopes, Instant expiresAt, int delegationDepth,
                            JwtClaims claims) {
}
