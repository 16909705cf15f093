package dev.grantex.events;

import dev.grantex.platform.Timestamps;
import dev.grantex.platform.json.Jsonp;
import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * One event as every consumer receives it: {@code {id, type, createdAt, data}}, serialised once into
 * {@link #json()}, which webhooks send verbatim and streams pass on unchanged.
 */
public record EventEnvelope(String id, String developerId, EventType type, Instant createdAt, String json) {
    public static EventEnvelope of(String id, String developerId, EventType type, Instant createdAt, JsonObject data) {
        String json = Jsonp.objectBuilder()
                .add("id", id)
                .add("type", type.wireName())
                .add("createdAt", Timestamps.format(createdAt))
                .add("data", data)
                .build().toString();
        return new EventEnvelope(id, developerId, type, createdAt, json);
    }
}
