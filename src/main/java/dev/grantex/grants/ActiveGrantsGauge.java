package dev.grantex.grants;

import dev.grantex.platform.ReusedCount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/** grantex_active_grants on /metrics: grants active and unexpired, of every developer. */
@ApplicationScoped
public class ActiveGrantsGauge {
    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    void register(@Observes Startup startup) {
        ReusedCount active = new ReusedCount(clock, () -> em.createQuery(
                        "SELECT COUNT(g) FROM Grant g WHERE g.status = :active AND g.expiresAt > :now", Long.class)
                .setParameter("active", Grant.ACTIVE).setParameter("now", clock.instant()).getSingleResult());
        registry.gauge(Metadata.builder().withName("grantex_active_grants")
                .withDescription("Grants active and not expired, of every developer (counted at most every 30 s)").build(),
                active, ReusedCount::current);
    }
}
