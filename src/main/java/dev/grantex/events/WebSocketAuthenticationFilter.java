package dev.grantex.events;

import dev.grantex.platform.RequestContext;
import dev.grantex.platform.ServletErrors;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Refuses a WebSocket upgrade of /v1/events/ws without a valid API key with 401, before it upgrades. */
public class WebSocketAuthenticationFilter extends HttpFilter {
    @Inject
    RequestContext requestContext;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            ServletErrors.write(response, 401, "Missing or invalid Authorization header", requestContext.requestId());
        } else if (WebSocketHandshake.authenticate(header).isEmpty()) {
            ServletErrors.write(response, 401, "Invalid API key", requestContext.requestId());
        } else {
            chain.doFilter(request, response);
        }
    }
}
