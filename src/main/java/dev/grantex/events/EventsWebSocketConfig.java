package dev.grantex.events;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;

/** Deploys {@link EventsEndpoint}, which is programmatic, with {@link WebSocketHandshake}; the container finds this class by scanning. */
public class EventsWebSocketConfig implements ServerApplicationConfig {
    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Set.of(ServerEndpointConfig.Builder.create(EventsEndpoint.class, EventsEndpoint.PATH)
                .configurator(new WebSocketHandshake()).build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
