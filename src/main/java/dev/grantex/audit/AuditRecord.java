package dev.grantex.audit;

import jakarta.json.JsonObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a client logs: who did what under which grant, with optional details. */
public record AuditRecord(
        @Schema(required = true) String agentId,
        @Schema(required = true) String agentDid,
        @Schema(required = true) String grantId,
        @Schema(required = true) String principalId,
        @Schema(required = true) String action,
        @Schema(description = "Any JSON object; stored in canonical form") JsonObject metadata,
        @Schema(enumeration = {"success", "failure", "blocked"}, defaultValue = "success") String status) {
}
