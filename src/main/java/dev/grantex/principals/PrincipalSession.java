package dev.grantex.principals;

import java.time.Instant;

/** An end user's session on the permissions page: whose grants with which developer it may see and revoke. */
public record PrincipalSession(String developerId, String principalId, Instant expiresAt) {
}
