package dev.grantex.authorization;

import dev.grantex.agents.Agent;
import dev.grantex.audit.AuditRecord;
import dev.grantex.audit.AuditService;
import dev.grantex.platform.Caller;
import dev.grantex.platform.json.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * Writes every policy decision at authorize into the developer's audit chain: action
 * {@code policy.allow} (status success) or {@code policy.deny} (status blocked), with what decided it,
 * the requested scopes and, for an allow, the authorization request. No grant exists yet, so the
 * entry's grantId is empty.
 */
@ApplicationScoped
class PolicyDecisionAudit {
    @Inject
    AuditService audit;

    void allowed(Caller caller, AuthRequest request, AuthorizationPolicy.Verdict verdict) {
        record(caller, request.agentId(), request.principalId(), request.scopes(), verdict,
                Jsonp.objectBuilder().add("authRequestId", request.id()));
    }

    void denied(Caller caller, PolicyDenied denied) {
        record(caller, denied.agentId(), denied.principalId(), denied.scopes(), denied.verdict(), Jsonp.objectBuilder());
    }

    private void record(Caller caller, String agentId, String principalId, List<String> scopes,
                        AuthorizationPolicy.Verdict verdict, JsonObjectBuilder metadata) {
        boolean allowed = verdict.decision() == AuthorizationPolicy.Decision.ALLOW;
        metadata.add("decidedBy", verdict.decidedBy()).add("scopes", Jsonp.stringArray(scopes));
        audit.record(caller, new AuditRecord(agentId, Agent.didOf(agentId), "", principalId,
                allowed ? "policy.allow" : "policy.deny", metadata.build(), allowed ? "success" : "blocked"));
    }
}
