package dev.grantex.anomalies;

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

/** grantex_anomalies_unacknowledged on /metrics: open anomalies of every developer. */
@ApplicationScoped
public class UnacknowledgedAnomaliesGauge {
    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    void register(@Observes Startup startup) {
        ReusedCount open = new ReusedCount(clock, () -> em.createQuery(
                "SELECT COUNT(a) FROM Anomaly a WHERE a.status = :open", Long.class)
                .setParameter("open", Anomaly.OPEN).getSingleResult());
        registry.gauge(Metadata.builder().withName("grantex_anomalies_unacknowledged")
                .withDescription("Anomalies not yet acknowledged, of every developer (counted at most every 30 s)").build(),
                open, ReusedCount::current);
    }
}
