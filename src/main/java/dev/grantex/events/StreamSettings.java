package dev.grantex.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The event streams' settings (README: GRANTEX_STREAMS_*). */
@ApplicationScoped
public class StreamSettings {
    @Inject
    @ConfigProperty(name = "grantex.streams.keepalive-seconds", defaultValue = "30")
    int keepAliveSeconds;

    @Inject
    @ConfigProperty(name = "grantex.streams.max-connections", defaultValue = "5")
    int maxConnections;

    public int keepAliveSeconds() {
        return Math.max(1, keepAliveSeconds);
    }

    /** Concurrent connections per developer, counted separately for SSE and WebSocket. */
    public int maxConnections() {
        return Math.max(1, maxConnections);
    }
}
