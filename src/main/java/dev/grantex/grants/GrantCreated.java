package dev.grantex.grants;

import java.time.Instant;
import java.util.List;

/** CDI event: a grant was created (observed after the transaction commits). */
public record GrantCreated(String developerId, String grantId, String agentId, String principalId,
                           List<String> scopes, Instant expiresAt, int delegationDepth, String parentGrantId) {
}
