package dev.grantex.grants;

import java.util.List;

/** CDI event: a grant and its descendants were revoked (observed after the transaction commits). */
public record GrantRevoked(String developerId, String grantId, boolean cascade, List<String> revokedGrantIds) {
}
