package dev.grantex.authorization;

import dev.grantex.platform.errors.ApiException;

/**
 * 403 POLICY_DENIED, at authorize or delegation, with what was asked and the verdict for the audit
 * trail. The answer names no policy: why is in the developer's audit trail.
 */
public class PolicyDenied extends ApiException {
    private final transient AuthorizationPolicy.Verdict verdict;
    private final transient AuthorizationPolicy.Question question;

    public PolicyDenied(AuthorizationPolicy.Question question, AuthorizationPolicy.Verdict verdict) {
        super(403, "POLICY_DENIED", question.action() == AuthorizationPolicy.Action.DELEGATE
                ? "A policy denies this delegation" : "A policy denies this authorization request");
        this.verdict = verdict;
        this.question = question;
    }

    AuthorizationPolicy.Verdict verdict() {
        return verdict;
    }

    AuthorizationPolicy.Question question() {
        return question;
    }
}
