package dev.grantex.platform.ratelimit;

import dev.grantex.platform.Caller;
import dev.grantex.platform.RequestContext;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** The per-developer plan bucket, counted after a developer API key was accepted. */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class PlanRateLimitFilter implements ContainerRequestFilter {
    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitSettings settings;

    @Inject
    RequestContext requestContext;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!settings.enabled() || !requestContext.authenticated()) {
            return;
        }
        Caller caller = requestContext.caller();
        RateLimitDecision decision = limiter.hit("developer:" + caller.developerId() + ":plan",
                settings.perMinute(caller.plan()));
        request.setProperty(RateLimitDecision.PROPERTY, decision);
        if (decision.exceeded()) {
            throw new RateLimitedException(decision, "RATE_LIMIT_EXCEEDED", "Plan rate limit");
        }
    }
}
