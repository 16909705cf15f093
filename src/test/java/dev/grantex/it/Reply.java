package dev.grantex.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.Optional;

/** An HTTP response as the tests look at it. */
public record Reply(int status, HttpResponse<String> raw) {
    public String body() {
        return raw.body();
    }

    public JsonObject json() {
        try (var reader = Json.createReader(new StringReader(raw.body()))) {
            return reader.readObject();
        }
    }

    /** The body as a JSON array (routes that answer a bare array). */
    public JsonArray jsonArray() {
        try (var reader = Json.createReader(new StringReader(raw.body()))) {
            return reader.readArray();
        }
    }

    public Optional<String> header(String name) {
        return raw.headers().firstValue(name);
    }

    /** Fails with the body shown when the status is not the expected one. */
    public Reply expect(int expected) {
        if (status != expected) {
            throw new AssertionError("Expected HTTP " + expected + " but got " + status + ": " + raw.body());
        }
        return this;
    }
}
