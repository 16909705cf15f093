package dev.grantex.authorization;

import dev.grantex.agents.Agent;
import dev.grantex.audit.AuditRecord;
import dev.grantex.audit.AuditService;
import dev.grantex.platform.Caller;
import dev.grantex.platform.Text;
import dev.grantex.platform.json.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;

/**
 * Writes policy decisions into the developer's audit chain: action {@code policy.allow} (status
 * success) or {@code policy.deny} (status blocked), with what was decided ({@code on}: authorize or
 * delegate), the engine, what decided (a policy's id, a
 * bundle's id and version, OPA), the engine's reason where it gave one, the requested scopes and, for
 * an allow, the authorization request. No grant exists yet, so the entry's grantId is empty.
 */
@ApplicationScoped
public class PolicyDecisionAudit {
    /** With a hundred scopes of 256 characters, the entry's metadata stays within its 32,000. */
    static final int MAX_REASON = 1000;

    @Inject
    AuditService audit;

    void allowed(Caller caller, AuthRequest request, AuthorizationPolicy.Verdict verdict) {
        record(caller, AuthorizationPolicy.Question.authorize(caller.developerId(), request.agentId(),
                request.principalId(), request.scopes()), verdict, Jsonp.objectBuilder().add("authRequestId", request.id()));
    }

    /** A deny at authorize, or at delegation (then with the parent grant). */
    public void denied(Caller caller, PolicyDenied denied) {
        JsonObjectBuilder metadata = Jsonp.objectBuilder();
        if (denied.question().parentGrantId() != null) {
            metadata.add("parentGrantId", denied.question().parentGrantId());
        }
        record(caller, denied.question(), denied.verdict(), metadata);
    }

    private void record(Caller caller, AuthorizationPolicy.Question question, AuthorizationPolicy.Verdict verdict,
                        JsonObjectBuilder metadata) {
        boolean allowed = verdict.decision() == AuthorizationPolicy.Decision.ALLOW;
        metadata.add("on", question.action().wireName()).add("engine", verdict.engine())
                .add("decidedBy", verdict.decidedBy());
        if (verdict.reason() != null) {
            // A Cedar reason names every determining policy by its @id, whatever their number and length.
            metadata.add("reason", Text.shortened(verdict.reason(), MAX_REASON));
        }
        metadata.add("scopes", Jsonp.stringArray(question.scopes()));
        audit.record(caller, new AuditRecord(question.agentId(), Agent.didOf(question.agentId()), "", question.principalId(),
                allowed ? "policy.allow" : "policy.deny", metadata.build(), allowed ? "success" : "blocked"));
    }
}
