package dev.grantex.principals;

import dev.grantex.agents.Agent;
import dev.grantex.audit.AuditEntry;
import dev.grantex.authorization.ScopeDescriptions;
import dev.grantex.grants.Grant;
import dev.grantex.platform.Timestamps;
import jakarta.json.JsonObject;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of principal sessions and of the routes an end user calls with one. */
public final class PrincipalViews {
    private PrincipalViews() {
    }

    public record OpenSessionRequest(
            @Schema(required = true) String principalId,
            @Schema(defaultValue = "1h", description = "An integer and a unit: s, m, h or d") String expiresIn) {
    }

    public record SessionView(String sessionToken, String dashboardUrl, String expiresAt) {
    }

    /**
     * A grant as its principal sees it. scopeDescriptions (beyond the protocol) says what each scope
     * allows in plain language, in the order of scopes.
     */
    public record PrincipalGrantView(String grantId, String agentId, String agentName, String agentDescription,
                                     String agentDid, List<String> scopes, List<String> scopeDescriptions,
                                     String status, String issuedAt, String expiresAt, int delegationDepth) {
        static PrincipalGrantView of(Grant g, Agent agent) {
            return new PrincipalGrantView(g.id(), g.agentId(), agent == null ? null : agent.name(),
                    agent == null || agent.description().isEmpty() ? null : agent.description(),
                    agent == null ? null : agent.did(), g.scopes(),
                    g.scopes().stream().map(ScopeDescriptions::forPeople).toList(), g.status(),
                    Timestamps.format(g.issuedAt()), Timestamps.format(g.expiresAt()), g.delegationDepth());
        }
    }

    /** The grants, and when the session that reads them ends (an SSO session's token carries no expiry to read). */
    public record PrincipalGrantList(List<PrincipalGrantView> grants, String principalId, String sessionExpiresAt) {
    }

    /**
     * An audit entry as its principal sees it: without the chain's hashes, with the agent's current
     * name (beyond the protocol; null when the agent id names no agent of the developer).
     */
    public record PrincipalAuditEntryView(String entryId, String agentId, String agentName, String agentDid,
                                          String grantId, String principalId, String action, JsonObject metadata,
                                          String status, String timestamp) {
        static PrincipalAuditEntryView of(AuditEntry e, Agent agent) {
            return new PrincipalAuditEntryView(e.id(), e.agentId(), agent == null ? null : agent.name(), e.agentDid(),
                    e.grantId(), e.principalId(), e.action(), e.metadataJson(), e.status(),
                    Timestamps.format(e.timestamp()));
        }
    }

    public record PrincipalAuditList(List<PrincipalAuditEntryView> entries) {
    }
}
