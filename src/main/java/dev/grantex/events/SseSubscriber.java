package dev.grantex.events;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletionStage;

/** A Server-Sent Events client: each event as {@code data: <envelope>}, keep-alives as {@code : keepalive}. */
final class SseSubscriber extends StreamSubscriber {
    private final SseEventSink sink;
    private final Sse sse;
    private final OutboundSseEvent keepAlive;

    SseSubscriber(String developerId, EventTypeFilter filter, SseEventSink sink, Sse sse) {
        super(developerId, filter);
        this.sink = sink;
        this.sse = sse;
        this.keepAlive = sse.newEventBuilder().comment("keepalive").build();
    }

    @Override
    protected CompletionStage<?> send(String json) {
        return sink.send(sse.newEventBuilder().data(json).build());
    }

    @Override
    protected CompletionStage<?> sendKeepAlive() {
        return sink.send(keepAlive);
    }

    @Override
    protected void closeTransport() {
        sink.close();
    }
}
