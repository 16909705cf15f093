package dev.grantex.platform.ratelimit;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Writes the X-RateLimit-* headers of the last limit a request was counted against, unless the
 * response already has them: a 429 carries the headers of the limit that refused it.
 */
@Provider
public class RateLimitHeadersFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(RateLimitDecision.PROPERTY) instanceof RateLimitDecision decision
                && !response.getHeaders().containsKey("X-RateLimit-Limit")) {
            decision.writeHeaders(response.getHeaders());
        }
    }
}
