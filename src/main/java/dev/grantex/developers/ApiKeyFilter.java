package dev.grantex.developers;

import dev.grantex.platform.AdminEndpoint;
import dev.grantex.platform.ApiException;
import dev.grantex.platform.BearerToken;
import dev.grantex.platform.PrincipalSessionEndpoint;
import dev.grantex.platform.PublicEndpoint;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.RouteAnnotations;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Requires a developer API key on every route not marked public, admin or principal-session. */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {
    @Context
    ResourceInfo resourceInfo;

    @Inject
    DeveloperService developers;

    @Inject
    RequestContext requestContext;

    @Override
    public void filter(ContainerRequestContext request) {
        if (resourceInfo.getResourceMethod() == null || RouteAnnotations.has(resourceInfo, PublicEndpoint.class,
                AdminEndpoint.class, PrincipalSessionEndpoint.class)) {
            return;
        }
        String apiKey = BearerToken.from(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .orElseThrow(() -> ApiException.unauthorized("Missing or invalid Authorization header"));
        requestContext.authenticate(developers.authenticate(apiKey)
                .orElseThrow(() -> ApiException.unauthorized("Invalid API key")));
    }
}
