package dev.grantex.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.ItServer;
import dev.grantex.it.Reply;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class HealthIT {
    @Test
    void healthReportsDatabaseAndRedis() {
        JsonObject health = Api.anonymous().get("/health").expect(200).json();
        assertEquals("healthy", health.getString("status"));
        assertEquals("ok", health.getString("database"));
        boolean withRedis = System.getenv("GRANTEX_REDIS_URL") != null;
        assertEquals(withRedis ? "ok" : "in-process", health.getString("redis"));
        assertEquals(withRedis ? "shared" : "in-process", health.getString("rateLimits"));
    }

    @Test
    void livenessAndReadiness() {
        assertEquals("alive", Api.anonymous().get("/health/live").expect(200).json().getString("status"));
        JsonObject ready = Api.anonymous().get("/health/ready").expect(200).json();
        assertEquals("healthy", ready.getString("status"));
        assertEquals("ok", ready.getString("database"));
        assertEquals("ok", ready.getString("timers"), "every persistent timer ran when due");
    }

    @Test
    void livenessIsNotRateLimited() {
        Reply live = Api.anonymous().get("/health/live").expect(200);
        assertTrue(live.header("X-RateLimit-Limit").isEmpty(), "liveness depends on nothing, rate limits included");
    }

    @Test
    void theServersGaugesAreOnMetrics() {
        String metrics = Api.withKey(ItServer.env("GRANTEX_METRICS_KEY")).get("/metrics?scope=application").expect(200).body();
        assertTrue(metrics.contains("grantex_rate_limits_per_node{mp_scope=\"application\",} 0.0"), metrics);
        assertTrue(metrics.contains("grantex_redis_answering{mp_scope=\"application\",} 1.0"), metrics);
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (Reply reply : new Reply[] {Api.anonymous().get("/health"), Api.anonymous().get("/v1/agents"),
                Api.anonymous().get("/no/such/route")}) {
            assertEquals("nosniff", reply.header("X-Content-Type-Options").orElseThrow());
            assertEquals("DENY", reply.header("X-Frame-Options").orElseThrow());
            assertEquals("0", reply.header("X-XSS-Protection").orElseThrow());
            assertEquals("max-age=31536000; includeSubDomains", reply.header("Strict-Transport-Security").orElseThrow());
            assertEquals("strict-origin-when-cross-origin", reply.header("Referrer-Policy").orElseThrow());
            assertEquals("camera=(), microphone=(), geolocation=()", reply.header("Permissions-Policy").orElseThrow());
            assertEquals("no-store", reply.header("Cache-Control").orElseThrow());
            assertTrue(reply.header("Content-Security-Policy").orElseThrow().contains("default-src 'none'"));
        }
    }

    @Test
    void openApiDocumentDescribesTheRoutes() {
        Reply reply = Api.anonymous().get("/openapi?format=JSON").expect(200);
        JsonObject paths = reply.json().getJsonObject("paths");
        for (String path : new String[] {"/health", "/v1/signup", "/v1/me", "/v1/keys/rotate", "/v1/agents",
                "/v1/agents/{id}", "/.well-known/jwks.json", "/.well-known/did.json", "/v1/admin/developers"}) {
            assertTrue(paths.containsKey(path), "OpenAPI lacks " + path);
        }
        JsonObject createAgent = paths.getJsonObject("/v1/agents").getJsonObject("post");
        assertTrue(createAgent.getJsonObject("requestBody").toString().contains("CreateAgentRequest"),
                "request schema documented");
        assertTrue(createAgent.getJsonObject("responses").getJsonObject("201").toString().contains("AgentView"),
                "response schema documented");
    }

    @Test
    void openApiUiIsServed() {
        Reply reply = Api.anonymous().get("/openapi/ui/");
        assertEquals(200, reply.status());
        assertTrue(reply.body().contains("<html") || reply.body().contains("<!DOCTYPE"), "an HTML page");
    }
}
