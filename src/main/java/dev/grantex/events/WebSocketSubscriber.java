package dev.grantex.events;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * A WebSocket client: each event as a text message holding the envelope, keep-alives as pings.
 * Messages are written with the blocking remote on a thread of the client's own: Liberty completes
 * asynchronous writes on the request threads' pool, where under load they queue behind requests and
 * a client falls behind the events for no fault of its own. The thread is the client's alone because
 * a client that stops reading blocks its write until its connection ends, and closing the session
 * does not release it; on a shared pool a few such clients stopped every client's messages.
 */
final class WebSocketSubscriber extends StreamSubscriber {
    private static final ByteBuffer PING = ByteBuffer.allocate(0);

    private final Session session;
    private final ThreadFactory threads;
    private final ExecutorService writer;
    private volatile CloseReason closeReason = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Stream closed");

    WebSocketSubscriber(String developerId, Session session, ThreadFactory threads) {
        super(developerId, EventTypeFilter.all());
        this.session = session;
        this.threads = threads;
        this.writer = Executors.newSingleThreadExecutor(threads);
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
        }, writer);
    }

    /**
     * Closes on a thread of its own: closing waits for a write in progress, which for a client that
     * stopped reading never ends, and whoever dropped the client (a commit, the keep-alive round) must
     * not wait with it.
     */
    @Override
    protected void closeTransport() {
        writer.shutdownNow();
        threads.newThread(() -> {
            try {
                if (session.isOpen()) {
                    session.close(closeReason);
                }
            } catch (IOException e) {
                // The connection is gone already, which is what closing wanted.
            }
        }).start();
    }
}
