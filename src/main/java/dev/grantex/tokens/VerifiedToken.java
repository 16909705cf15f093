package dev.grantex.tokens;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** The claims of a grant token whose signature, issuer and required claims checked out (it may have expired). */
public record VerifiedToken(String jti, String grantId, String developerId, String principal, String agentDid,
                            List<String> scopes, Instant expiresAt, int delegationDepth,
                            JsonObject claims) {
}
