package dev.grantex.authorization;

import dev.grantex.platform.errors.ApiException;
import java.util.List;

/** 403 POLICY_DENIED, with what was asked and the verdict, for the audit trail. */
public class PolicyDenied extends ApiException {
    private final transient AuthorizationPolicy.Verdict verdict;
    private final String agentId;
    private final String principalId;
    private final List<String> scopes;

    PolicyDenied(AuthorizationPolicy.Verdict verdict, String agentId, String principalId, List<String> scopes) {
        super(403, "POLICY_DENIED", "A policy denies this authorization request");
        this.verdict = verdict;
        this.agentId = agentId;
        this.principalId = principalId;
        this.scopes = List.copyOf(scopes);
    }

    AuthorizationPolicy.Verdict verdict() {
        return verdict;
    }

    String agentId() {
        return agentId;
    }

    String principalId() {
        return principalId;
    }

    List<String> scopes() {
        return scopes;
    }
}
