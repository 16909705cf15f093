package dev.grantex.platform.ratelimit;

import dev.grantex.platform.RedisConnection;

/**
 * Counts in Redis, shared by every node, and in this process while Redis does not answer: rate
 * limits then hold per node (a cluster of N nodes admits up to N times a limit) instead of taking
 * every route down. The shared counts resume when Redis answers again.
 */
public class FallbackWindowCounter implements WindowCounter {
    private final RedisConnection redis;
    private final WindowCounter shared;
    private final WindowCounter local;

    public FallbackWindowCounter(RedisConnection redis, WindowCounter shared, WindowCounter local) {
        this.redis = redis;
        this.shared = shared;
        this.local = local;
    }

    @Override
    public long increment(String key, long window, int windowSeconds) {
        if (redis.available()) {
            try {
                long count = shared.increment(key, window, windowSeconds);
                redis.answered();
                return count;
            } catch (CounterUnavailableException e) {
                redis.failed(e);
            }
        }
        return local.increment(key, window, windowSeconds);
    }
}
