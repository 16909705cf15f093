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
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * /v1/events/ws: the caller's events over WebSocket, each message one envelope. The client may send
 * {@code {"types":[…]}} at any time to choose the types it receives ({@code []} for all). A message
 * that is not such a filter closes the connection with 1007 and the reason; a developer with the
 * maximum number of connections open is closed with 1013 (try again later).
 */
@ServerEndpoint(value = "/v1/events/ws", configurator = WebSocketHandshake.class)
public class EventsEndpoint {
    static final String KIND = "ws";
    private static final CloseReason.CloseCode TRY_AGAIN_LATER = CloseReason.CloseCodes.getCloseCode(1013);

    private WebSocketSubscriber subscriber;
    // Looked up rather than injected: Liberty fails to inject into an endpoint that has its own configurator.
    private final EventStreams streams = CDI.current().select(EventStreams.class).get();

    @OnOpen
    public void open(Session session, EndpointConfig config) {
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
        }
    }

    @OnMessage
    public void message(Session session, String text) {
        if (subscriber == null) {
            return;
        }
        try {
            subscriber.filter(EventTypeFilter.of(types(JsonRequests.parseObject(text))));
        } catch (ApiException e) {
            subscriber.close(reason(CloseReason.CloseCodes.NOT_CONSISTENT, e.getMessage()));
        }
    }

    @OnClose
    public void closed(Session session) {
        if (subscriber != null) {
            streams.closed(KIND, session.getId(), subscriber);
            subscriber.close();
        }
    }

    @OnError
    public void failed(Session session, Throwable error) {
        closed(session);
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
