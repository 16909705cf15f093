package dev.grantex.platform.ratelimit;

import dev.grantex.platform.errors.ApiException;

/** A 429: the message says "retry in N seconds" and the mapper adds the rate-limit headers. */
public class RateLimitedException extends ApiException {
    private final transient RateLimitDecision decision;

    public RateLimitedException(RateLimitDecision decision, String code, String what) {
        super(429, code, what + " exceeded, retry in " + decision.resetSeconds() + " seconds");
        this.decision = decision;
    }

    public RateLimitDecision decision() {
        return decision;
    }
}
