package dev.grantex.platform.ratelimit;

import dev.grantex.platform.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** Chooses where rate-limit counters live: Redis when configured (this process while it is away), this process otherwise. */
@ApplicationScoped
public class WindowCounterProducer {
    @Inject
    RedisConnection redis;

    @Produces
    @ApplicationScoped
    WindowCounter windowCounter() {
        return redis.configured()
                ? new FallbackWindowCounter(redis, new RedisWindowCounter(redis.client()), new LocalWindowCounter())
                : new LocalWindowCounter();
    }
}
