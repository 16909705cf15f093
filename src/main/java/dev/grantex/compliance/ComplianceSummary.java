package dev.grantex.compliance;

import dev.grantex.agents.Agent;
import dev.grantex.agents.AgentService;
import dev.grantex.audit.AuditService;
import dev.grantex.grants.GrantService;
import dev.grantex.platform.Caller;
import dev.grantex.platform.Timestamps;
import dev.grantex.policies.PolicyService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.Map;

/**
 * The counts of a developer's agents, grants (issued within since/until), audit entries (written
 * within since/until) and policies, as the compliance summary and the evidence pack report them.
 */
@ApplicationScoped
public class ComplianceSummary {
    /**
     * Agents by status. Deleting an agent removes it (its audit entries stay), so no agent is ever
     * "revoked"; the count is kept because the contract's summary has it.
     */
    public record AgentCounts(long total, long active, long suspended, long revoked) {
    }

    public record PolicyCount(long total) {
    }

    /** The summary; generatedAt, since and until are left out where absent (the evidence pack has no generatedAt). */
    @JsonbPropertyOrder({"generatedAt", "since", "until", "agents", "grants", "auditEntries", "policies", "plan"})
    public record Summary(@JsonbNillable(false) String generatedAt, @JsonbNillable(false) String since,
                          @JsonbNillable(false) String until, AgentCounts agents, GrantService.Counts grants,
                          AuditService.Counts auditEntries, PolicyCount policies, String plan) {
        Summary withoutGeneratedAt() {
            return new Summary(null, since, until, agents, grants, auditEntries, policies, plan);
        }
    }

    @Inject
    AgentService agents;

    @Inject
    GrantService grants;

    @Inject
    AuditService audit;

    @Inject
    PolicyService policies;

    public Summary of(Caller caller, Instant generatedAt, Instant since, Instant until) {
        String developerId = caller.developerId();
        Map<String, Long> byStatus = agents.countByStatus(developerId);
        long active = byStatus.getOrDefault(Agent.ACTIVE, 0L);
        long suspended = byStatus.getOrDefault(Agent.SUSPENDED, 0L);
        AgentCounts agentCounts = new AgentCounts(byStatus.values().stream().mapToLong(Long::longValue).sum(),
                active, suspended, 0);
        return new Summary(Timestamps.format(generatedAt), Timestamps.format(since), Timestamps.format(until),
                agentCounts, grants.count(developerId, since, until), audit.count(developerId, since, until),
                new PolicyCount(policies.list(developerId).size()), caller.plan());
    }
}
