package dev.grantex.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** Writes the X-RateLimit-* headers of the last limit a request was counted against. */
@Provider
public class RateLimitHeadersFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(RateLimitDecision.PROPERTY) instanceof RateLimitDecision decision) {
            decision.writeHeaders(response.getHeaders());
        }
    }
}
