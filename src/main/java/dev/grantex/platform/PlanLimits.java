package dev.grantex.platform;

import dev.grantex.platform.errors.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The per-plan quotas (402 PLAN_LIMIT_EXCEEDED). Defaults are the contract's; an installation can
 * change any of them with grantex.plans.&lt;plan&gt;.&lt;resource&gt; (GRANTEX_PLANS_FREE_AGENTS=…).
 * Enterprise has no quota unless one is configured.
 */
@ApplicationScoped
public class PlanLimits {
    public enum Resource {
        AGENTS("agents", 500, 5_000),
        WEBHOOKS("webhooks", 30, 200),
        ACTIVE_GRANTS("active-grants", 1_000, 50_000),
        AUDIT_ENTRIES("audit-entries", 20_000, 1_000_000),
        POLICIES("policies", 50, 500),
        ALERT_CHANNELS("alert-channels", 5, 50);

        private final String key;
        private final long free;
        private final long pro;

        Resource(String key, long free, long pro) {
            this.key = key;
            this.free = free;
            this.pro = pro;
        }

        long defaultFor(String plan) {
            return switch (plan) {
                case "free" -> free;
                case "pro" -> pro;
                default -> Long.MAX_VALUE;
            };
        }
    }

    private final Config config = ConfigProvider.getConfig();

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    /** The configured quotas by "plan.resource"; plans and resources without a setting use the defaults. */
    private final Map<String, Long> configured = new HashMap<>();

    /** Reads every quota setting once, so a malformed value stops the start instead of failing requests. */
    @PostConstruct
    void readSettings() {
        for (String plan : List.of("free", "pro", "enterprise")) {
            for (Resource resource : Resource.values()) {
                String key = "grantex.plans." + plan + "." + resource.key;
                try {
                    config.getOptionalValue(key, Long.class).ifPresent(limit -> configured.put(plan + "." + resource.key, limit));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(key + " must be a whole number", e);
                }
            }
        }
    }

    /** Creates this bean while the application starts, so that readSettings runs (and can stop the start) then. */
    void startWithTheApplication(@Observes Startup startup) {
        // Observing is enough: the container creates the bean to deliver the event.
    }

    /** Serialises a developer's quota checks until the caller's transaction ends. */
    public void lockDeveloper(String developerId) {
        em.createQuery("SELECT d FROM Developer d WHERE d.id = :id")
                .setParameter("id", developerId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /**
     * Refuses creating one more of {@code resource} when the existing ones already fill the plan's
     * quota. {@code existing} is only counted when the plan has a quota; it should lock the developer
     * (see {@link #lockDeveloper}) so that concurrent creations cannot all pass the same count.
     */
    public void check(String plan, Resource resource, LongSupplier existing) {
        long limit = configured.getOrDefault(plan + "." + resource.key, resource.defaultFor(plan));
        if (limit != Long.MAX_VALUE && existing.getAsLong() >= limit) {
            throw new ApiException(402, "PLAN_LIMIT_EXCEEDED", "Your " + plan + " plan allows " + limit + " "
                    + resource.key.replace('-', ' ') + ". Upgrade at /v1/billing/checkout or ask your operator for a larger plan.");
        }
    }
}
