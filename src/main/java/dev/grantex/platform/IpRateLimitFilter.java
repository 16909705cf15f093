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
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Applies a route's {@link IpRateLimit} per client address, before authentication. An installation can
 * change a bucket's limit with grantex.rate-limits.ip.&lt;bucket&gt; (GRANTEX_RATE_LIMITS_IP_SIGNUP=…).
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class IpRateLimitFilter implements ContainerRequestFilter {
    @Context
    ResourceInfo resourceInfo;

    @Context
    HttpServletRequest servletRequest;

    private final Config config = ConfigProvider.getConfig();

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitSettings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        IpRateLimit limit = resourceInfo.getResourceMethod() == null ? null
                : resourceInfo.getResourceMethod().isAnnotationPresent(IpRateLimit.class)
                ? resourceInfo.getResourceMethod().getAnnotation(IpRateLimit.class)
                : resourceInfo.getResourceClass().getAnnotation(IpRateLimit.class);
        if (limit == null || !settings.enabled()) {
            return;
        }
        RateLimitDecision decision;
        try {
            int perMinute = config.getOptionalValue("grantex.rate-limits.ip." + limit.bucket(), Integer.class)
                    .orElse(limit.perMinute());
            decision = limiter.hit("ip:" + limit.bucket() + ":" + servletRequest.getRemoteAddr(), perMinute);
        } catch (CounterUnavailableException e) {
            throw RateLimitedException.unavailable();
        }
        request.setProperty(RateLimitDecision.PROPERTY, decision);
        if (decision.exceeded()) {
            throw new RateLimitedException(decision, "RATE_LIMIT_EXCEEDED", "Rate limit");
        }
    }
}
