package dev.grantex.tokens;

import java.time.Instant;
import java.util.List;

/** CDI event: a grant token was issued (observed after the transaction commits). */
public record TokenIssued(String developerId, String tokenId, String grantId, String agentId, String principalId,
                          List<String> scopes, Instant expiresAt) {
}
