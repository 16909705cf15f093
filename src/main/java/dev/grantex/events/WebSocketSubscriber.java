package dev.grantex.events;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A WebSocket client: each event as a text message holding the envelope, keep-alives as pings. */
final class WebSocketSubscriber extends StreamSubscriber {
    private static final ByteBuffer PING = ByteBuffer.allocate(0);

    private final Session session;
    private volatile CloseReason closeReason = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Stream closed");

    WebSocketSubscriber(String developerId, Session session) {
        super(developerId, EventTypeFilter.all());
        this.session = session;
    }

    /** Closes with the given code and reason. */
    void close(CloseReason reason) {
        closeReason = reason;
        close();
    }

    @Override
    protected CompletionStage<?> send(String json) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        session.getAsyncRemote().sendText(json, result -> {
            if (result.isOK()) {
                sent.complete(null);
            } else {
                sent.completeExceptionally(result.getException());
            }
        });
        return sent;
    }

    @Override
    protected CompletionStage<?> sendKeepAlive() {
        try {
            session.getAsyncRemote().sendPing(PING.duplicate());
            return CompletableFuture.completedFuture(null);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    protected void closeTransport() {
        try {
            if (session.isOpen()) {
                session.close(closeReason);
            }
        } catch (IOException e) {
            // The connection is gone already, which is what closing wanted.
        }
    }
}
