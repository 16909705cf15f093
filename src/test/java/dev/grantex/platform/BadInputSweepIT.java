package dev.grantex.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Flows;
import dev.grantex.it.ItServer;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the served OpenAPI document, with hostile path ids, query values and bodies,
 * with its credential and without: no answer is a 5xx, and every error is the contract's envelope
 * (the HTML pages answer their errors as pages, for people).
 */
class BadInputSweepIT {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final List<String> HOSTILE_IDS = List.of("x", "%2F", "%5C", "%FF", "%C3", "%E2%80%AE", "..",
            "a".repeat(5000), "%27%3B%20DROP%20TABLE%20agents%3B--", "%F0%9F%98%80", "ag_01ARZ3NDEKTSV4RRFFQ69G5FAV");
    private static final List<String> HOSTILE_QUERY_VALUES = List.of("%00", "%FF", "%0D%0A", "-1", "0",
            "99999999999999999999", "2026-13-45T99:99:99Z", "%27%20OR%201%3D1", "a".repeat(4000), "", "%E2%80%AE");
    private static final List<JsonValue> WRONG_VALUES = List.of(Json.createValue(42), Json.createValue(1e308),
            JsonValue.TRUE, JsonValue.NULL, Json.createArrayBuilder().add("a").add(1).build(),
            Json.createObjectBuilder().add("nested", "x").build(), Json.createValue("a".repeat(70_000)),
            Json.createValue("nul\u0000"), Json.createValue("bell\u0007"), Json.createValue("half\ud800"),
            Json.createValue("-1"), Json.createValue("9999999999d"), Json.createValue("javascript:alert(1)"));

    private int requests;
    private final List<String> failures = new ArrayList<>();

    @Test
    void noHostileRequestIsA5xxAndEveryErrorIsAnEnvelope() {
        JsonObject document = Api.anonymous().get("/openapi?format=JSON").expect(200).json();
        JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
        int operations = 0;
        for (Map.Entry<String, JsonValue> path : document.getJsonObject("paths").entrySet()) {
            for (Map.Entry<String, JsonValue> entry : path.getValue().asJsonObject().entrySet()) {
                if (METHODS.contains(entry.getKey())) {
                    operations++;
                    sweep(path.getKey(), entry.getKey().toUpperCase(), entry.getValue().asJsonObject(), schemas);
                }
            }
        }
        System.out.println("[sweep] " + operations + " operations, " + requests + " requests, "
                + failures.size() + " answers that were a 5xx or not an envelope");
        assertTrue(operations >= 40, operations + " operations");
        assertEquals(List.of(), failures);
    }

    private void sweep(String template, String method, JsonObject operation, JsonObject schemas) {
        String credential = credentialFor(operation);
        List<String> paths = new ArrayList<>();
        if (template.contains("{")) {
            HOSTILE_IDS.forEach(id -> paths.add(template.replaceAll("\\{[^}]+}", id)));
        } else {
            paths.add(template);
        }
        for (JsonValue parameter : operation.getJsonArray("parameters") == null ? List.<JsonValue>of()
                : operation.getJsonArray("parameters")) {
            if ("query".equals(parameter.asJsonObject().getString("in"))) {
                String name = parameter.asJsonObject().getString("name");
                HOSTILE_QUERY_VALUES.forEach(value -> paths.add(template.replaceAll("\\{[^}]+}", "x") + "?" + name + "=" + value));
            }
        }
        for (String path : paths) {
            // A stream's answer to a good request never ends; its hostile variants are its query values.
            if (!(path.equals(template) && isStream(operation))) {
                send(method, path, credential, null, null);
            }
            send(method, path, null, null, null);
        }
        if (!Set.of("POST", "PUT", "PATCH").contains(method)) {
            return;
        }
        String path = template.replaceAll("\\{[^}]+}", "x");
        for (String body : List.of("", "{", "[]", "null", "\"text\"", "{\"a\":1} trailing", "[".repeat(5000),
                "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}")) {
            send(method, path, credential, "application/json", body.getBytes(StandardCharsets.UTF_8));
        }
        send(method, path, credential, "application/json", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'});
        send(method, path, credential, "text/plain", "{}".getBytes(StandardCharsets.UTF_8));
        send(method, path, credential, "application/x-www-form-urlencoded", "a=b".getBytes(StandardCharsets.UTF_8));
        for (String field : requestFields(operation, schemas)) {
            for (JsonValue wrong : WRONG_VALUES) {
                String body = Json.createObjectBuilder().add(field, wrong).build().toString();
                send(method, path, credential, "application/json", body.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static boolean isStream(JsonObject operation) {
        JsonObject ok = operation.getJsonObject("responses").getJsonObject("200");
        return ok != null && ok.containsKey("content") && ok.getJsonObject("content").containsKey("text/event-stream");
    }

    private static List<String> requestFields(JsonObject operation, JsonObject schemas) {
        JsonObject body = operation.getJsonObject("requestBody");
        if (body == null || !body.getJsonObject("content").containsKey("application/json")) {
            return List.of();
        }
        JsonObject schema = body.getJsonObject("content").getJsonObject("application/json").getJsonObject("schema");
        if (schema.containsKey("$ref")) {
            schema = schemas.getJsonObject(schema.getString("$ref").substring("#/components/schemas/".length()));
        }
        return schema.containsKey("properties") ? List.copyOf(schema.getJsonObject("properties").keySet()) : List.of();
    }

    /** A fresh account per operation, so that what one operation changes (a rotated key) does not blind the next. */
    private static String credentialFor(JsonObject operation) {
        String scheme = operation.containsKey("security")
                ? operation.getJsonArray("security").stream().findFirst().map(s -> s.asJsonObject().keySet().iterator().next())
                        .orElse(null)
                : "apiKey";
        if (scheme == null) {
            return null;
        }
        return switch (scheme) {
            case "adminKey" -> ItServer.adminKey();
            case "principalSession" -> principalSession();
            case "scimToken" -> TestDeveloper.create("enterprise").api().post("/v1/scim/tokens", "{\"label\":\"sweep\"}")
                    .expect(201).json().getString("token");
            default -> TestDeveloper.create("enterprise").apiKey();
        };
    }

    private static String principalSession() {
        TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
        String agent = Flows.createAgent(developer, List.of("read"));
        String principal = Flows.principal();
        Flows.grantFor(developer, agent, principal, List.of("read"));
        return developer.api().post("/v1/principal-sessions", "{\"principalId\":\"" + principal + "\"}")
                .expect(201).json().getString("sessionToken");
    }

    private void send(String method, String path, String credential, String contentType, byte[] body) {
        HttpRequest.Builder request = Api.request(path).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (credential != null) {
            request.header("Authorization", "Bearer " + credential);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        Reply reply = Api.send(request);
        requests++;
        String where = method + " " + (path.length() > 120 ? path.substring(0, 120) + "…" : path)
                + (body == null ? "" : " body " + new String(body, 0, Math.min(body.length, 80), StandardCharsets.UTF_8));
        if (reply.status() >= 500) {
            failures.add(reply.status() + " " + where + ": " + reply.body());
        } else if (reply.status() >= 400 && !reply.header("Content-Type").orElse("").startsWith("text/html")
                && !(path.startsWith("/scim/v2/") ? isScimError(reply) : isEnvelope(reply))) {
            failures.add("no envelope " + reply.status() + " " + where + ": " + reply.body());
        }
    }

    /** Under /scim/v2 errors use SCIM's schema (RFC 7644 §3.12) instead of the envelope. */
    private static boolean isScimError(Reply reply) {
        try {
            JsonObject body = reply.json();
            return body.getJsonArray("schemas").getString(0).equals("urn:ietf:params:scim:api:messages:2.0:Error")
                    && !body.getString("detail", "").isBlank() && body.getInt("status") == reply.status();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isEnvelope(Reply reply) {
        try {
            JsonObject body = reply.json();
            return !body.getString("message", "").isBlank() && !body.getString("code", "").isBlank()
                    && !body.getString("requestId", "").isBlank();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
