package dev.grantex.platform;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/** Applies a route's {@link IpRateLimit} per client address, before authentication. */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class IpRateLimitFilter implements ContainerRequestFilter {
    @Context
    ResourceInfo resourceInfo;

    @Context
    HttpServletRequest servletRequest;

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitSettings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        IpRateLimit limit = resourceInfo.getResourceMethod() == null
                ? null : resourceInfo.getResourceMethod().getAnnotation(IpRateLimit.class);
        if (limit == null || !settings.enabled()) {
            return;
        }
        RateLimitDecision decision;
        try {
            decision = limiter.hit("ip:" + limit.bucket() + ":" + servletRequest.getRemoteAddr(), limit.perMinute());
        } catch (CounterUnavailableException e) {
            throw RateLimitedException.unavailable();
        }
        request.setProperty(RateLimitDecision.PROPERTY, decision);
        if (decision.exceeded()) {
            throw new RateLimitedException(decision, "RATE_LIMIT_EXCEEDED", "Rate limit");
        }
    }
}
