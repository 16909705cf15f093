package dev.grantex.platform.ratelimit;

import jakarta.ws.rs.core.MultivaluedMap;

/** One rate-limit check: the limit, the window's count so far and the seconds until the window ends. */
public record RateLimitDecision(int limit, long count, int resetSeconds) {
    /** The request property under which the latest decision waits for the response filter. */
    public static final String PROPERTY = RateLimitDecision.class.getName();

    public boolean exceeded() {
        return count > limit;
    }

    public long remaining() {
        return Math.max(0, limit - count);
    }

    public void writeHeaders(MultivaluedMap<String, Object> headers) {
        headers.putSingle("X-RateLimit-Limit", Integer.toString(limit));
        headers.putSingle("X-RateLimit-Remaining", Long.toString(remaining()));
        headers.putSingle("X-RateLimit-Reset", Integer.toString(resetSeconds));
        if (exceeded()) {
            headers.putSingle("Retry-After", Integer.toString(resetSeconds));
        }
    }
}
