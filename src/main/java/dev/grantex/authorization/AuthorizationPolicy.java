package dev.grantex.authorization;

import java.util.List;
import java.util.Optional;

/**
 * The point where a policy engine decides an authorization request before consent: allow
 * (auto-approve), deny (403 POLICY_DENIED) or no decision (the principal is asked).
 */
public interface AuthorizationPolicy {
    enum Decision { ALLOW, DENY }

    /** A decision and what made it: the deciding policy's id (or a policy bundle's version). */
    record Verdict(Decision decision, String decidedBy) {
    }

    Optional<Verdict> decide(String developerId, String agentId, String principalId, List<String> scopes);
}
