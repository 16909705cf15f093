package dev.grantex.events;

import dev.grantex.platform.Ids;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/events/stream: the caller's events as Server-Sent Events (the WebSocket form is {@link EventsEndpoint}). */
@Path("/v1/events")
@ApplicationScoped
@Tag(name = "Events")
public class EventsResource {
    static final String KIND = "sse";

    @Inject
    RequestContext requestContext;

    @Inject
    EventStreams streams;

    @Inject
    StreamSettings settings;

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The caller's events as they are committed, as Server-Sent Events")
    @APIResponse(responseCode = "200", description = "An endless stream: each event as data: <envelope JSON>, a ': keepalive' comment every 30 s",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "An unknown event type in types")
    @APIResponse(responseCode = "429", description = "TOO_MANY_CONNECTIONS: the developer has the maximum number of streams open")
    public void stream(@Parameter(description = "Comma-separated event types; all types when absent")
                       @QueryParam("types") String types,
                       @Context SseEventSink sink, @Context Sse sse, @Context HttpServletResponse response) {
        EventTypeFilter filter = EventTypeFilter.parseList(types);
        String developerId = requestContext.caller().developerId();
        String connectionId = Ids.newId("sse");
        SseSubscriber subscriber = new SseSubscriber(developerId, filter, sink, sse);
        if (!streams.open(KIND, connectionId, subscriber)) {
            throw new ApiException(429, "TOO_MANY_CONNECTIONS", "At most " + settings.maxConnections()
                    + " event streams may be open at once per developer; close one first");
        }
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("Connection", "keep-alive");
        response.setHeader("X-Accel-Buffering", "no");
        // The first keep-alive sends the headers at once, so the client knows it is subscribed.
        subscriber.keepAlive(System.currentTimeMillis());
    }
}
