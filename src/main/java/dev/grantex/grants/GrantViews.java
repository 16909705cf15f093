package dev.grantex.grants;

import dev.grantex.platform.Timestamps;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;

/** The JSON shapes of grants. */
public final class GrantViews {
    private GrantViews() {
    }

    public record GrantView(String grantId, String id, String agentId, String principalId, String developerId,
                            List<String> scopes, String status, String issuedAt, String expiresAt,
                            @JsonbNillable(false) String revokedAt,
                            @JsonbNillable(false) String parentGrantId,
                            int delegationDepth,
                            boolean fidoVerified,
                            @JsonbNillable(false) String fidoCredentialId) {
        public static GrantView of(Grant g) {
            return new GrantView(g.id(), g.id(), g.agentId(), g.principalId(), g.developerId(), g.scopes(), g.status(),
                    Timestamps.format(g.issuedAt()), Timestamps.format(g.expiresAt()), Timestamps.format(g.revokedAt()),
                    g.parentGrantId(), g.delegationDepth(), g.fido().verified(), g.fido().credentialId());
        }
    }

    public record GrantList(List<GrantView> grants) {
    }
}
