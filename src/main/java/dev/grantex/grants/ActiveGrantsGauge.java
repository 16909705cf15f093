package dev.grantex.grants;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * grantex_active_grants on /metrics: grants active and unexpired, of every developer. Counting is a
 * scan of the grants, so a scrape reuses a count younger than 30 seconds, and one that fails shows
 * the last count.
 */
@ApplicationScoped
public class ActiveGrantsGauge {
    private static final Logger LOG = Logger.getLogger(ActiveGrantsGauge.class.getName());
    private static final long REUSE_MILLIS = 30_000;

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    private long count;
    private long countedAt = -REUSE_MILLIS;

    void register(@Observes Startup startup) {
        registry.gauge(Metadata.builder().withName("grantex_active_grants")
                .withDescription("Grants active and not expired, of every developer (counted at most every 30 s)").build(),
                this, ActiveGrantsGauge::current);
    }

    synchronized long current() {
        long now = clock.millis();
        if (now - countedAt >= REUSE_MILLIS) {
            try {
                count = em.createQuery("SELECT COUNT(g) FROM Grant g WHERE g.status = :active AND g.expiresAt > :now",
                        Long.class).setParameter("active", Grant.ACTIVE).setParameter("now", clock.instant())
                        .getSingleResult();
                countedAt = now;
            } catch (PersistenceException e) {
                LOG.fine("Active grants not counted now: " + e);
            }
        }
        return count;
    }
}
