package dev.grantex.usage;

import dev.grantex.platform.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** Chooses where the nodes' usage counts meet: Redis when configured, this process otherwise. */
@ApplicationScoped
public class UsageCounterProducer {
    @Inject
    RedisConnection redis;

    @Produces
    @ApplicationScoped
    UsageCounter usageCounter() {
        return redis.configured() ? new RedisUsageCounter(redis.client()) : new LocalUsageCounter();
    }
}
