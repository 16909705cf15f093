package dev.grantex.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Gauges of the outside services, on /metrics: grantex_redis_answering (1 while Redis answers, or
 * when none is configured) and grantex_rate_limits_per_node (1 while Redis is away and each node
 * counts rate limits on its own).
 */
@ApplicationScoped
public class DependencyMetrics {
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    RedisConnection redis;

    void register(@Observes Startup startup) {
        registry.gauge(Metadata.builder().withName("grantex_redis_answering")
                        .withDescription("1 while Redis answers (or none is configured), 0 while it does not").build(),
                redis, r -> r.answering() ? 1 : 0);
        registry.gauge(Metadata.builder().withName("grantex_rate_limits_per_node")
                        .withDescription("1 while Redis is away and this node counts rate limits on its own").build(),
                redis, r -> r.away() ? 1 : 0);
    }
}
