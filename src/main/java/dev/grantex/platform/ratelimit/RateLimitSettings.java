package dev.grantex.platform.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Whether rate limits apply, and the per-minute request budget of each plan. */
@ApplicationScoped
public class RateLimitSettings {
    @Inject
    @ConfigProperty(name = "grantex.rate-limits.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "grantex.rate-limits.plan.free", defaultValue = "100")
    int free;

    @Inject
    @ConfigProperty(name = "grantex.rate-limits.plan.pro", defaultValue = "500")
    int pro;

    @Inject
    @ConfigProperty(name = "grantex.rate-limits.plan.enterprise", defaultValue = "2000")
    int enterprise;

    @Inject
    @ConfigProperty(name = "grantex.rate-limits.authorize", defaultValue = "10")
    int authorize;

    public boolean enabled() {
        return enabled;
    }

    /** Authorization requests per minute per developer, counted on top of the plan bucket. */
    public int authorizePerMinute() {
        return authorize;
    }

    public int perMinute(String plan) {
        return switch (plan) {
            case "enterprise" -> enterprise;
            case "pro" -> pro;
            default -> free;
        };
    }
}
