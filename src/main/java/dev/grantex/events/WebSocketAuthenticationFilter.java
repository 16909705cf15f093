package dev.grantex.events;

import dev.grantex.platform.RequestContext;
import dev.grantex.platform.auth.Authentication;
import dev.grantex.platform.auth.CredentialKind;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.errors.ServletErrors;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Authenticates the WebSocket upgrade of /v1/events/ws with the API key, through the same mechanism
 * as every JAX-RS route, and refuses it in the error envelope (401) before it upgrades.
 */
public class WebSocketAuthenticationFilter extends HttpFilter {
    @Inject
    Authentication authentication;

    @Inject
    RequestContext requestContext;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            authentication.authenticate(CredentialKind.API_KEY, request.getHeader("Authorization"));
        } catch (ApiException refused) {
            ServletErrors.write(request, response, refused.status(), refused.getMessage(), requestContext.requestId());
            return;
        }
        chain.doFilter(request, response);
    }
}
