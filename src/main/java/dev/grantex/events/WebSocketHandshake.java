package dev.grantex.events;

import dev.grantex.platform.RequestContext;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Keeps the developer that {@link WebSocketAuthenticationFilter} authenticated, within the same
 * upgrade request, in the connection's own user properties, where {@link EventsEndpoint} finds it.
 */
public class WebSocketHandshake extends ServerEndpointConfig.Configurator {
    static final String CALLER = "grantex.caller";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        RequestContext requestContext = CDI.current().select(RequestContext.class).get();
        if (requestContext.authenticated()) {
            config.getUserProperties().put(CALLER, requestContext.caller());
        }
    }
}
