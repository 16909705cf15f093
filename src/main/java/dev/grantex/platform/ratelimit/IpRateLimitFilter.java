package dev.grantex.platform.ratelimit;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Counts every request per client address before authentication: against the route's
 * {@link IpRateLimit} when it has one, otherwise against a default of 5000 per minute; routes marked
 * {@link NoRateLimit} are not counted. An installation can
 * change a bucket's limit with grantex.rate-limits.ip.&lt;bucket&gt; (GRANTEX_RATE_LIMITS_IP_SIGNUP=…).
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class IpRateLimitFilter implements ContainerRequestFilter {
    @Context
    ResourceInfo resourceInfo;

    @Context
    HttpServletRequest servletRequest;

    /** Routes without a limit of their own share this one, per client address. */
    private static final String DEFAULT_BUCKET = "default";
    private static final int DEFAULT_PER_MINUTE = 5000;

    private final Config config = ConfigProvider.getConfig();

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitSettings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo.getResourceMethod();
        if (method == null || method.isAnnotationPresent(NoRateLimit.class) || !settings.enabled()) {
            return;
        }
        IpRateLimit limit = method.isAnnotationPresent(IpRateLimit.class) ? method.getAnnotation(IpRateLimit.class)
                : resourceInfo.getResourceClass().getAnnotation(IpRateLimit.class);
        String bucket = limit == null ? DEFAULT_BUCKET : limit.bucket();
        int perMinute = config.getOptionalValue("grantex.rate-limits.ip." + bucket, Integer.class)
                .orElse(limit == null ? DEFAULT_PER_MINUTE : limit.perMinute());
        RateLimitDecision decision = limiter.hit("ip:" + bucket + ":" + servletRequest.getRemoteAddr(), perMinute);
        request.setProperty(RateLimitDecision.PROPERTY, decision);
        if (decision.exceeded()) {
            throw new RateLimitedException(decision, "RATE_LIMIT_EXCEEDED", "Rate limit");
        }
    }
}
