package dev.grantex.authorization;

import java.util.List;
import java.util.Optional;

/**
 * The point where a policy engine decides before a grant exists: at authorize, allow (auto-approve),
 * deny (403 POLICY_DENIED) or no decision (the principal is asked); at delegation, deny (403) or
 * nothing to object.
 */
public interface AuthorizationPolicy {
    enum Decision { ALLOW, DENY }

    /** What is being decided: a principal's grant to an agent, or a grant's delegation to a sub-agent. */
    enum Action {
        AUTHORIZE("authorize"), DELEGATE("delegate");

        private final String wireName;

        Action(String wireName) {
            this.wireName = wireName;
        }

        /** The name policies see: Cedar's Grantex::Action id, OPA's input.action. */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * One request to decide. At delegation the agent is the sub-agent, the principal the parent
     * grant's, delegationDepth the depth the new grant would have and parentGrantId its parent.
     */
    record Question(String developerId, Action action, String agentId, String principalId, List<String> scopes,
                    int delegationDepth, String parentGrantId) {
        public static Question authorize(String developerId, String agentId, String principalId, List<String> scopes) {
            return new Question(developerId, Action.AUTHORIZE, agentId, principalId, scopes, 0, null);
        }
    }

    /**
     * A decision and what made it: the engine (builtin, cedar, opa), the deciding policy's id or the
     * bundle's, and the engine's reason where it gives one (the Cedar policies that determined it, OPA's
     * reason, or why a failing engine denied).
     */
    record Verdict(Decision decision, String engine, String decidedBy, String reason) {
    }

    Optional<Verdict> decide(Question question);
}
