package dev.grantex.platform;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The 429 and 503 answers of the rate limiters, in the contract's wording. */
final class RateLimitResponses {
    private RateLimitResponses() {
    }

    static Response tooMany(RateLimitDecision decision, String code, String what, String requestId) {
        // The X-RateLimit-* and Retry-After headers come from RateLimitHeadersFilter, which also
        // runs for aborted requests.
        return Response.status(429)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(what + " exceeded, retry in " + decision.resetSeconds() + " seconds",
                        code, requestId))
                .build();
    }

    static Response unavailable(String requestId) {
        return Response.status(503)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody("Rate limiting is unavailable, retry shortly", "RATE_LIMIT_UNAVAILABLE",
                        requestId))
                .build();
    }
}
