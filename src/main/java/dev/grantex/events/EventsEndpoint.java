package dev.grantex.events;

import dev.grantex.platform.Caller;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.JsonRequests;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * /v1/events/ws: the caller's events over WebSocket, each message one envelope. The client may send
 * {@code {"types":[…]}} at any time to choose the types it receives ({@code []} for all). A message
 * that is not such a filter closes the connection with 1007 and the reason, one over
 * {@link #MAX_MESSAGE_BYTES} with 1009 (too big); a developer with the maximum number of connections
 * open is closed with 1013 (try again later).
 *
 * <p>A programmatic endpoint ({@link EventsWebSocketConfig}) rather than an annotated one, for the
 * message size: Liberty checks a limit against each frame, not the message, and for an annotated
 * endpoint only when it takes whole messages, so a message sent in many small frames would be
 * gathered in memory whatever its size. Here Liberty refuses a frame over the limit before reading
 * it, and the frames of one message are gathered here, up to the limit.
 */
public class EventsEndpoint extends Endpoint {
    static final String PATH = "/v1/events/ws";
    static final String KIND = "ws";
    /**
     * The longest message taken, in bytes per frame (Liberty's check) and in characters per message
     * (ours); a filter naming every event type takes about 1 KB.
     */
    static final int MAX_MESSAGE_BYTES = 16 * 1024;
    private static final CloseReason.CloseCode TRY_AGAIN_LATER = CloseReason.CloseCodes.getCloseCode(1013);

    private WebSocketSubscriber subscriber;
    private final StringBuilder message = new StringBuilder();
    // Looked up rather than injected: Liberty does not inject into an endpoint with its own configurator.
    private final EventStreams streams = CDI.current().select(EventStreams.class).get();

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        Caller caller = (Caller) config.getUserProperties().get(WebSocketHandshake.CALLER);
        if (caller == null) {
            close(session, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "Missing or invalid API key"));
            return;
        }
        subscriber = new WebSocketSubscriber(caller.developerId(), session, streams.webSocketThreads());
        if (!streams.open(KIND, session.getId(), subscriber)) {
            subscriber.close(reason(TRY_AGAIN_LATER, "At most " + CDI.current().select(StreamSettings.class).get().maxConnections()
                    + " event streams per developer"));
            subscriber = null;
            return;
        }
        session.addMessageHandler(String.class, (MessageHandler.Partial<String>) this::received);
    }

    /** One frame's text; the message is read as a filter once its last frame is in. */
    private void received(String part, boolean last) {
        if (message.length() + part.length() > MAX_MESSAGE_BYTES) {
            message.setLength(0);
            subscriber.close(reason(CloseReason.CloseCodes.TOO_BIG, "A message may be at most " + MAX_MESSAGE_BYTES + " characters"));
            return;
        }
        message.append(part);
        if (!last) {
            return;
        }
        String text = message.toString();
        message.setLength(0);
        try {
            subscriber.filter(EventTypeFilter.of(types(JsonRequests.parseObject(text))));
        } catch (ApiException e) {
            subscriber.close(reason(CloseReason.CloseCodes.NOT_CONSISTENT, e.getMessage()));
        }
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        if (subscriber != null) {
            streams.closed(KIND, session.getId(), subscriber);
            subscriber.close();
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        onClose(session, null);
    }

    private static List<String> types(JsonObject message) {
        JsonValue value = message.get("types");
        if (!(value instanceof JsonArray array)) {
            throw ApiException.badRequest("Send {\"types\":[…]} with the event types to receive");
        }
        List<String> names = new ArrayList<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonString name)) {
                throw ApiException.badRequest("types: every entry must be an event type name");
            }
            names.add(name.getString());
        }
        return names;
    }

    /** A close reason within the protocol's 123 bytes: printable ASCII, cut short if need be. */
    private static CloseReason reason(CloseReason.CloseCode code, String text) {
        String ascii = text.replaceAll("[^\\x20-\\x7e]", "?");
        return new CloseReason(code, ascii.length() > 120 ? ascii.substring(0, 120) : ascii);
    }

    private static void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException e) {
            // Already gone.
        }
    }
}
