package dev.grantex.grants;

import dev.grantex.platform.Timestamps;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of grants and delegation. */
public final class GrantViews {
    private GrantViews() {
    }

    public record GrantView(String grantId, String id, String agentId, String principalId, String developerId,
                            List<String> scopes, String status, String issuedAt, String expiresAt,
                            @JsonbNillable(false) String revokedAt,
                            @JsonbNillable(false) String parentGrantId,
                            int delegationDepth) {
        public static GrantView of(Grant g) {
            return new GrantView(g.id(), g.id(), g.agentId(), g.principalId(), g.developerId(), g.scopes(), g.status(),
                    Timestamps.format(g.issuedAt()), Timestamps.format(g.expiresAt()), Timestamps.format(g.revokedAt()),
                    g.parentGrantId(), g.delegationDepth());
        }
    }

    public record GrantList(List<GrantView> grants) {
    }

    public record GrantVerifyView(boolean active,
                                  @JsonbNillable(false) String reason,
                                  @JsonbNillable(false) Map<String, Object> claims) {
    }

    public record DelegateRequest(
            @Schema(required = true, description = "The parent's grant token") String parentGrantToken,
            @Schema(required = true) String subAgentId,
            @Schema(required = true, description = "A subset of the parent grant's scopes") List<String> scopes,
            @Schema(defaultValue = "1h", description = "An integer and a unit: s, m, h or d; capped at the parent's expiry") String expiresIn,
            @Schema(enumeration = "jwt") String credentialFormat) {
    }
}
