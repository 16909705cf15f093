package dev.grantex.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A WebSocket client of /v1/events/ws that collects messages, pings and the close code. */
public final class WsClient implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private WebSocket socket;

    /** Connects with the API key (null for none); fails with the handshake's error when refused. */
    public static WsClient connect(String apiKey) {
        return connect(ItServer.baseUrl(), apiKey);
    }

    /** Like {@link #connect(String)}, on the server at {@code baseUrl}. */
    public static WsClient connect(String baseUrl, String apiKey) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        String url = baseUrl.replaceFirst("^http", "ws") + "/v1/events/ws";
        client.socket = builder.buildAsync(URI.create(url), client.new Listener()).join();
        return client;
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(Json.createReader(new StringReader(text.toString())).readObject());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings.incrementAndGet();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(-1);
        }
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public JsonObject next(Duration wait) {
        try {
            return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public int pings() {
        return pings.get();
    }

    /** The close code the server sent, waiting at most the given time; null when still open. */
    public Integer closeCode(Duration wait) {
        try {
            return closeCode.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        socket.abort();
    }
}
