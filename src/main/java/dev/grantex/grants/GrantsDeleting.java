package dev.grantex.grants;

import java.time.Instant;
import java.util.Map;

/**
 * CDI event, fired inside the deleting transaction before these grants (by id, with their expiry)
 * are removed: what refers to them must go first, and their revocation must outlive them.
 */
public record GrantsDeleting(Map<String, Instant> expiryByGrantId) {
}
