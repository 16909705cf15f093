package dev.grantex.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A Server-Sent Events client of /v1/events/stream that collects the events and every line it reads. */
public final class SseClient implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstComment = new CountDownLatch(1);
    private final HttpResponse<Stream<String>> response;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            CompletableFuture.runAsync(() -> response.body().forEach(this::read));
        }
    }

    /** Connects (the status is known when this returns) with the API key and an optional query. */
    public static SseClient open(String apiKey, String query) {
        return open(ItServer.baseUrl(), apiKey, query);
    }

    /** Like {@link #open(String, String)}, on the server at {@code baseUrl}. */
    public static SseClient open(String baseUrl, String apiKey, String query) {
        HttpRequest.Builder request = Api.request(baseUrl, "/v1/events/stream" + (query == null ? "" : "?" + query))
                .timeout(Duration.ofMinutes(5)).header("Accept", "text/event-stream");
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            return new SseClient(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens a stream and waits until the server has registered it (its first keep-alive arrived). */
    public static SseClient subscribed(String apiKey, String query) {
        return subscribed(ItServer.baseUrl(), apiKey, query);
    }

    public static SseClient subscribed(String baseUrl, String apiKey, String query) {
        SseClient client = open(baseUrl, apiKey, query);
        if (client.status() != 200) {
            throw new AssertionError("Stream refused with " + client.status() + ": " + client.errorBody());
        }
        client.awaitComment();
        return client;
    }

    private void read(String line) {
        lines.add(line);
        if (line.startsWith(":")) {
            firstComment.countDown();
        } else if (line.startsWith("data: ")) {
            events.add(Json.createReader(new StringReader(line.substring(6))).readObject());
        }
    }

    public int status() {
        return response.statusCode();
    }

    public HttpResponse<Stream<String>> response() {
        return response;
    }

    /** The JSON error body of a refused stream. */
    public JsonObject errorBody() {
        String body = String.join("\n", response.body().toList());
        return Json.createReader(new StringReader(body)).readObject();
    }

    public void awaitComment() {
        try {
            if (!firstComment.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("No keep-alive within 10 s");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next event, or null when none arrives within the wait. */
    public JsonObject next(Duration wait) {
        try {
            return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The data of the next event, which must be of the type and arrive within 10 s. */
    public JsonObject nextData(String type) {
        JsonObject event = next(Duration.ofSeconds(10));
        if (event == null) {
            throw new AssertionError("No " + type + " event within 10 s");
        }
        if (!type.equals(event.getString("type"))) {
            throw new AssertionError("Expected a " + type + " event, got " + event);
        }
        return event.getJsonObject("data");
    }

    public List<String> lines() {
        return lines;
    }

    @Override
    public void close() {
        if (response.statusCode() == 200) {
            response.body().close();
        }
    }
}
