package dev.grantex.platform.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/** Fixed one-minute windows aligned to epoch minutes, as the contract's rate limits are defined. */
@ApplicationScoped
public class RateLimiter {
    static final int WINDOW_SECONDS = 60;

    @Inject
    WindowCounter counter;

    @Inject
    Clock clock;

    /** Counts one request against {@code key} and says whether it is within {@code limit}. */
    public RateLimitDecision hit(String key, int limit) {
        long nowSeconds = clock.millis() / 1000;
        long window = nowSeconds / WINDOW_SECONDS;
        long count = counter.increment(key, window, WINDOW_SECONDS);
        int reset = (int) ((window + 1) * WINDOW_SECONDS - nowSeconds);
        return new RateLimitDecision(limit, count, reset);
    }
}
