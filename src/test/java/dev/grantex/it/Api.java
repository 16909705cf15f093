package dev.grantex.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the tests: JSON bodies, an optional bearer credential. */
public final class Api {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String bearer;

    private Api(String baseUrl, String bearer) {
        this.baseUrl = baseUrl;
        this.bearer = bearer;
    }

    public static Api anonymous() {
        return new Api(ItServer.baseUrl(), null);
    }

    public static Api withKey(String bearer) {
        return new Api(ItServer.baseUrl(), bearer);
    }

    public static Api admin() {
        return new Api(ItServer.baseUrl(), ItServer.adminKey());
    }

    /** The same client for another server (a second node in the two-node tests). */
    public Api at(String otherBaseUrl) {
        return new Api(otherBaseUrl, bearer);
    }

    public Reply get(String path) {
        return send("GET", path, null);
    }

    public Reply post(String path, String json) {
        return send("POST", path, json);
    }

    public Reply patch(String path, String json) {
        return send("PATCH", path, json);
    }

    public Reply put(String path, String json) {
        return send("PUT", path, json);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends a request exactly as built here, for headers and bodies the helpers above do not make. */
    public static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpRequest.Builder request(String path) {
        return request(ItServer.baseUrl(), path);
    }

    public static HttpRequest.Builder request(String baseUrl, String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    }

    private Reply send(String method, String path, String json) {
        HttpRequest.Builder builder = request(baseUrl, path);
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return send(builder);
    }
}
