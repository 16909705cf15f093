package dev.grantex.events;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A WebSocket client: each event as a text message holding the envelope, keep-alives as pings.
 * Messages are written with the blocking remote on the streams' own threads: Liberty completes
 * asynchronous writes on the request threads' pool, where under load they queue behind requests and
 * a client falls behind the events for no fault of its own.
 */
final class WebSocketSubscriber extends StreamSubscriber {
    private static final ByteBuffer PING = ByteBuffer.allocate(0);

    private final Session session;
    private final Executor writers;
    private volatile CloseReason closeReason = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Stream closed");

    WebSocketSubscriber(String developerId, Session session, Executor writers) {
        super(developerId, EventTypeFilter.all());
        this.session = session;
        this.writers = writers;
    }

    /** Closes with the given code and reason. */
    void close(CloseReason reason) {
        closeReason = reason;
        close();
    }

    @Override
    protected CompletionStage<?> send(String json) {
        return write(() -> session.getBasicRemote().sendText(json));
    }

    @Override
    protected CompletionStage<?> sendKeepAlive() {
        return write(() -> session.getBasicRemote().sendPing(PING.duplicate()));
    }

    private interface Write {
        void run() throws IOException;
    }

    private CompletionStage<?> write(Write write) {
        return CompletableFuture.runAsync(() -> {
            try {
                write.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, writers);
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
