package dev.grantex.platform;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import java.net.http.HttpRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorHandlingIT {
    private final TestDeveloper developer = TestDeveloper.create("enterprise");

    @Test
    void unknownRouteIsAnEnvelope404() {
        assertError(Api.anonymous().get("/v1/no-such-thing"), 404, "NOT_FOUND");
        assertError(developer.api().get("/v1/agents/x/y/z"), 404, "NOT_FOUND");
    }

    @Test
    void wrongMethodIsAnEnvelope405() {
        assertError(developer.api().put("/v1/agents", "{}"), 405, "BAD_REQUEST");
        assertError(Api.anonymous().delete("/.well-known/jwks.json"), 405, "BAD_REQUEST");
    }

    @Test
    void malformedJsonIs400() {
        Reply reply = developer.api().post("/v1/agents", "{\"name\": ");
        assertTrue(assertError(reply, 400, "BAD_REQUEST").getString("message").startsWith("Malformed JSON body"));
        assertError(developer.api().post("/v1/agents", "not json at all"), 400, "BAD_REQUEST");
    }

    @Test
    void hostileJsonIs400NotA500() {
        String deep = "{\"name\":" + "[".repeat(3000) + "]".repeat(3000) + "}";
        assertError(developer.api().post("/v1/agents", deep), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/agents", "{\"name\":\"a\"} trailing"), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/agents", "{\"name\":\"a\\u0000b\"}"), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/agents", "{\"name\":\"a\\ud800b\"}"), 400, "BAD_REQUEST");
        developer.api().post("/v1/agents", "{\"name\":\"emoji \\ud83d\\ude00\"}").expect(201);
        developer.api().delete("/v1/agents/" + developer.api().get("/v1/agents").json().getJsonArray("agents")
                .getJsonObject(0).getString("agentId")).expect(204);
        assertError(developer.api().post("/v1/agents", "{\"name\":\"a\",\"scopes\":[\"say \\\"hi\\\"\"]}"),
                400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/agents", "{\"name\":\"a\",\"scopes\":[\"has space\"]}"),
                400, "BAD_REQUEST");
        assertTrue(developer.api().get("/v1/agents").expect(200).json().getJsonArray("agents").isEmpty());
    }

    @Test
    void wrongMethodKeepsTheAllowHeader() {
        Reply reply = developer.api().put("/v1/agents", "{}");
        assertEquals(405, reply.status());
        assertTrue(reply.header("Allow").orElse("").contains("GET"), reply.raw().headers().map().toString());
    }

    @Test
    void nonObjectBodiesAre400() {
        for (String body : List.of("[1,2]", "\"name\"", "42", "null")) {
            Reply reply = developer.api().post("/v1/agents", body);
            assertEquals("Request body must be a JSON object", assertError(reply, 400, "BAD_REQUEST").getString("message"));
        }
    }

    @Test
    void wrongJsonTypesAre400NamingTheField() {
        assertEquals("'name' must be a string",
                assertError(developer.api().post("/v1/agents", "{\"name\":5}"), 400, "BAD_REQUEST").getString("message"));
        assertEquals("'scopes' must be an array",
                assertError(developer.api().post("/v1/agents", "{\"name\":\"a\",\"scopes\":\"read\"}"), 400,
                        "BAD_REQUEST").getString("message"));
        assertEquals("'scopes[1]' must be a string",
                assertError(developer.api().post("/v1/agents", "{\"name\":\"a\",\"scopes\":[\"read\",7]}"), 400,
                        "BAD_REQUEST").getString("message"));
        assertEquals("'fidoRequired' must be true or false",
                assertError(developer.api().patch("/v1/me", "{\"fidoRequired\":\"yes\"}"), 400, "BAD_REQUEST")
                        .getString("message"));
    }

    @Test
    void oversizeBodyIs413BeforeAnythingChanges() {
        String huge = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        assertError(developer.api().post("/v1/agents", huge), 413, "BAD_REQUEST");
        assertTrue(developer.api().get("/v1/agents").expect(200).json().getJsonArray("agents").isEmpty());
    }

    @Test
    void oversizeChunkedBodyIs413() {
        byte[] body = ("{\"name\":\"" + "x".repeat(1_300_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        // A body publisher of unknown length is sent chunked, with no Content-Length to refuse early.
        Reply reply = Api.send(Api.request("/v1/agents")
                .header("Authorization", "Bearer " + developer.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertError(reply, 413, "BAD_REQUEST");
    }

    @Test
    void bodylessPostIsAccepted() {
        Reply reply = Api.send(Api.request("/v1/keys/rotate")
                .header("Authorization", "Bearer " + TestDeveloper.create("enterprise").apiKey())
                .POST(HttpRequest.BodyPublishers.noBody()));
        reply.expect(200);
    }

    @Test
    void errorsNeverLeakStackTraces() {
        Reply reply = developer.api().post("/v1/agents", "{\"name\":\"\\ud800\"}");
        assertFalse(reply.body().contains("Exception"), reply.body());
        assertFalse(reply.body().contains("at dev.grantex"), reply.body());
    }

    @Test
    void corsPreflightFromAnAllowedOrigin() {
        Reply reply = Api.send(Api.request("/v1/agents")
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, reply.status());
        assertEquals("http://localhost:5173", reply.header("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("true", reply.header("Access-Control-Allow-Credentials").orElseThrow());
        assertTrue(reply.header("Access-Control-Allow-Methods").orElseThrow().contains("PATCH"));
        assertTrue(reply.header("Access-Control-Allow-Headers").orElseThrow().contains("Authorization"));
        assertEquals("600", reply.header("Access-Control-Max-Age").orElseThrow());
    }

    @Test
    void corsGivesUnknownOriginsNothing() {
        Reply preflight = Api.send(Api.request("/v1/agents")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, preflight.status());
        assertTrue(preflight.header("Access-Control-Allow-Origin").isEmpty());
        Reply simple = Api.send(Api.request("/health").header("Origin", "https://evil.example").GET());
        assertEquals(200, simple.status());
        assertTrue(simple.header("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void corsOnActualRequestsExposesRateLimitHeaders() {
        Reply reply = Api.send(Api.request("/v1/agents")
                .header("Origin", "https://portal.example.com")
                .header("Authorization", "Bearer " + developer.apiKey())
                .GET());
        assertEquals(200, reply.status());
        assertEquals("https://portal.example.com", reply.header("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(reply.header("Access-Control-Expose-Headers").orElseThrow().contains("X-RateLimit-Remaining"));
    }
}
