package dev.grantex.events;

import dev.grantex.developers.DeveloperService;
import dev.grantex.platform.BearerToken;
import dev.grantex.platform.Caller;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates a WebSocket upgrade with the developer's API key, as every other route does. A
 * request without a valid key never gets here ({@link WebSocketAuthenticationFilter} answers it
 * with 401 before the upgrade); the developer is kept in the connection's own user properties.
 */
public class WebSocketHandshake extends ServerEndpointConfig.Configurator {
    static final String CALLER = "grantex.caller";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        List<String> headers = request.getHeaders().get("Authorization");
        authenticate(headers == null || headers.isEmpty() ? null : headers.get(0))
                .ifPresent(caller -> config.getUserProperties().put(CALLER, caller));
    }

    static Optional<Caller> authenticate(String authorizationHeader) {
        return BearerToken.from(authorizationHeader)
                .flatMap(key -> CDI.current().select(DeveloperService.class).get().authenticate(key));
    }
}
