package dev.grantex.platform;

import jakarta.enterprise.context.ApplicationScoped;

/** The contract's per-plan quotas (402 PLAN_LIMIT_EXCEEDED); enterprise has none. */
@ApplicationScoped
public class PlanLimits {
    public enum Resource {
        AGENTS("agents", 500, 5_000);

        private final String label;
        private final long free;
        private final long pro;

        Resource(String label, long free, long pro) {
            this.label = label;
            this.free = free;
            this.pro = pro;
        }
    }

    /** Refuses creating one more of {@code resource} when {@code existing} already fill the plan's quota. */
    public void check(String plan, Resource resource, long existing) {
        long limit = switch (plan) {
            case "free" -> resource.free;
            case "pro" -> resource.pro;
            default -> Long.MAX_VALUE;
        };
        if (existing >= limit) {
            throw new ApiException(402, "PLAN_LIMIT_EXCEEDED", "Your " + plan + " plan allows " + limit + " "
                    + resource.label + ". Upgrade at /v1/billing/checkout or ask your operator for a larger plan.");
        }
    }
}
