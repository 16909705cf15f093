package dev.grantex.grants;

import java.time.Instant;
import java.util.Map;

/**
 * CDI event, fired inside the revoking transaction: these grants (by id, with their expiry) were
 * revoked. The token feature records them where verification looks.
 */
public record GrantsRevoked(Map<String, Instant> expiryByGrantId) {
}
