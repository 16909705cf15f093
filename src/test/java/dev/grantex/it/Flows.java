package dev.grantex.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/** The authorize → consent → token flow as SDK users run it, for tests that need grants and tokens. */
public final class Flows {
    private Flows() {
    }

    /** A grant with its tokens. */
    public record Issued(String grantToken, String refreshToken, String grantId, JsonObject body) {
        public JsonObject claims() {
            return Flows.claims(grantToken);
        }
    }

    public static String createAgent(TestDeveloper developer, List<String> scopes) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        scopes.forEach(array::add);
        String body = Json.createObjectBuilder().add("name", "agent-" + UUID.randomUUID()).add("scopes", array)
                .build().toString();
        return developer.api().post("/v1/agents", body).expect(201).json().getString("agentId");
    }

    public static String principal() {
        return "user-" + UUID.randomUUID();
    }

    public static JsonObjectBuilder authorizeBody(String agentId, String principalId, List<String> scopes) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        scopes.forEach(array::add);
        return Json.createObjectBuilder().add("agentId", agentId).add("principalId", principalId).add("scopes", array);
    }

    /** The code for an authorization request: given at once in sandbox, else approved by the principal. */
    public static String code(TestDeveloper developer, JsonObject authorizeBody) {
        JsonObject authorized = developer.api().post("/v1/authorize", authorizeBody.toString()).expect(201).json();
        if (authorized.containsKey("code")) {
            return authorized.getString("code");
        }
        return Api.anonymous().post("/v1/consent/" + authorized.getString("authRequestId") + "/approve", null)
                .expect(200).json().getString("code");
    }

    public static Issued exchange(TestDeveloper developer, String agentId, String code) {
        String body = Json.createObjectBuilder().add("code", code).add("agentId", agentId).build().toString();
        JsonObject token = developer.api().post("/v1/token", body).expect(201).json();
        return new Issued(token.getString("grantToken"), token.getString("refreshToken"), token.getString("grantId"), token);
    }

    /** Logs the same audit entry {@code times} times for the agent, four at a time. */
    public static void logAudit(TestDeveloper developer, String agentId, String action, String status, int times) {
        String body = Json.createObjectBuilder().add("agentId", agentId).add("agentDid", "did:grantex:" + agentId)
                .add("grantId", "grnt_x").add("principalId", "user_1").add("action", action).add("status", status)
                .build().toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        IntStream.range(0, times).forEach(i -> pool.submit(() -> developer.api().post("/v1/audit/log", body).expect(201)));
        pool.shutdown();
        try {
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("audit entries not logged within 60 s");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Issued grant(TestDeveloper developer, String agentId, List<String> scopes) {
        return grantFor(developer, agentId, principal(), scopes);
    }

    public static Issued grantFor(TestDeveloper developer, String agentId, String principalId, List<String> scopes) {
        return exchange(developer, agentId, code(developer, authorizeBody(agentId, principalId, scopes).build()));
    }

    public static Issued delegate(TestDeveloper developer, String parentToken, String subAgentId, List<String> scopes) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        scopes.forEach(array::add);
        String body = Json.createObjectBuilder().add("parentGrantToken", parentToken).add("subAgentId", subAgentId)
                .add("scopes", array).build().toString();
        JsonObject delegated = developer.api().post("/v1/grants/delegate", body).expect(201).json();
        return new Issued(delegated.getString("grantToken"), delegated.getString("refreshToken"),
                delegated.getString("grantId"), delegated);
    }

    public static boolean valid(TestDeveloper developer, String token) {
        String body = Json.createObjectBuilder().add("token", token).build().toString();
        return developer.api().post("/v1/tokens/verify", body).expect(200).json().getBoolean("valid");
    }

    /** The payload decoded the way the conformance suite does it: plain (not URL-safe) base64, as atob. */
    public static JsonObject claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        String padded = payload + "=".repeat((4 - payload.length() % 4) % 4);
        String json = new String(Base64.getDecoder().decode(padded), StandardCharsets.UTF_8);
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
