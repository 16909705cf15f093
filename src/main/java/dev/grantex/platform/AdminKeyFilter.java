package dev.grantex.platform;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Operator routes ({@link AdminEndpoint}) need "Bearer GRANTEX_ADMIN_API_KEY"; 503 when none is set. */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AdminKeyFilter implements ContainerRequestFilter {
    private static final int MIN_KEY_LENGTH = 16;

    @Context
    ResourceInfo resourceInfo;

    @Inject
    @ConfigProperty(name = "grantex.admin.api-key")
    Optional<String> adminKey;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!RouteAnnotations.has(resourceInfo, AdminEndpoint.class)) {
            return;
        }
        String key = adminKey.map(String::trim).filter(k -> k.length() >= MIN_KEY_LENGTH).orElseThrow(() ->
                new ApiException(503, "SERVICE_UNAVAILABLE",
                        "Administration is disabled: GRANTEX_ADMIN_API_KEY is not set (or shorter than 16 characters)"));
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !Hashes.constantTimeEquals(header, "Bearer " + key)) {
            throw ApiException.unauthorized("Invalid admin key");
        }
    }
}
