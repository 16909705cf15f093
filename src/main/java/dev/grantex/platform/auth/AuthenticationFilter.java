package dev.grantex.platform.auth;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Every JAX-RS route (the SSE stream included) gets the credential its annotation names; an API key by default. */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {
    @Context
    ResourceInfo resourceInfo;

    @Inject
    Authentication authentication;

    @Override
    public void filter(ContainerRequestContext request) {
        authentication.authenticate(authentication.kindOf(resourceInfo), request.getHeaderString(HttpHeaders.AUTHORIZATION));
    }
}
