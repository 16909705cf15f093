package dev.grantex.tokens;

import java.time.Instant;
import java.util.List;
import org.jose4j.jwt.JwtClaims;

/** The claims of a grant token whose signature, issuer, expiry and required claims checked out. */
public record VerifiedToken(String jti, String grantId, String developerId, String principal, String agentDid,
                            List<String> scopes, Instant issuedAt, Instant expiresAt, int delegationDepth,
                            JwtClaims claims) {
}
