package dev.grantex.principals;

import dev.grantex.platform.ApiException;
import dev.grantex.platform.PrincipalSessionEndpoint;
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

/** Requires a principal-session token ("Authorization: Bearer <sessionToken>") on principal routes. */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class PrincipalSessionFilter implements ContainerRequestFilter {
    private static final String PREFIX = "Bearer ";

    @Context
    ResourceInfo resourceInfo;

    @Inject
    PrincipalSessionService sessions;

    @Inject
    SessionContext sessionContext;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!RouteAnnotations.has(resourceInfo, PrincipalSessionEndpoint.class)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith(PREFIX) || header.length() == PREFIX.length()) {
            throw ApiException.unauthorized("Missing session token");
        }
        sessionContext.authenticate(sessions.verify(header.substring(PREFIX.length())));
    }
}
