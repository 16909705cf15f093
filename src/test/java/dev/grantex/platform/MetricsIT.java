package dev.grantex.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Flows;
import dev.grantex.it.ItServer;
import dev.grantex.it.PrometheusParser;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /metrics (contract 7.11): Prometheus text behind the metrics key, read by Prometheus's own parser. */
class MetricsIT {
    private static Api scraper() {
        return Api.withKey(ItServer.env("GRANTEX_METRICS_KEY"));
    }

    private static JsonObject scrape() {
        Reply reply = scraper().get("/metrics").expect(200);
        assertTrue(reply.header("Content-Type").orElse("").startsWith("text/plain"), reply.header("Content-Type").toString());
        return PrometheusParser.families(reply.body());
    }

    private static double value(JsonObject families, String family, String sample, Map<String, String> labels) {
        assertTrue(families.containsKey(family), "no " + family + " in " + families.keySet());
        return families.getJsonObject(family).getJsonArray("samples").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("name").equals(sample))
                .filter(s -> labels.entrySet().stream().allMatch(l -> l.getValue().equals(
                        s.getJsonObject("labels").getString(l.getKey(), null))))
                .mapToDouble(s -> s.getJsonNumber("value").doubleValue()).sum();
    }

    @Test
    void withAKeyConfiguredAScrapeNeedsIt() {
        Reply missing = Api.anonymous().get("/metrics");
        assertEquals(401, missing.status());
        assertEquals("UNAUTHORIZED", missing.json().getString("code"));
        assertEquals(401, Api.withKey("not-the-key").get("/metrics").status());
        assertEquals(400, scraper().get("/metrics?scope=everything").status());
    }

    @Test
    void everyMetricOfAScrapeParsesAndTheContractsMetricsAreThere() {
        JsonObject before = scrape();
        TestDeveloper developer = TestDeveloper.create("enterprise");
        String agentId = Flows.createAgent(developer, List.of("read"));
        Flows.Issued root = Flows.grant(developer, agentId, List.of("read"));
        Flows.delegate(developer, root.grantToken(), Flows.createAgent(developer, List.of("read")), List.of("read"));
        developer.api().delete("/v1/grants/" + root.grantId()).expect(204);
        developer.api().get("/v1/agents/" + agentId).expect(200);
        developer.api().get("/v1/agents/" + agentId + "/no-such-thing").expect(404);
        developer.api().post("/v1/audit/log", "{\"agentId\":\"ag_ghost\",\"agentDid\":\"did:grantex:ag_ghost\","
                + "\"grantId\":\"grnt_1\",\"principalId\":\"user_1\",\"action\":\"read\"}").expect(201);
        developer.api().post("/v1/anomalies/detect", null).expect(200);

        JsonObject after = scrape();
        assertTrue(value(after, "grantex_anomalies_detected", "grantex_anomalies_detected_total", Map.of())
                >= value(before, "grantex_anomalies_detected", "grantex_anomalies_detected_total", Map.of()) + 1,
                "the unknown agent's anomaly");
        assertEquals("gauge", after.getJsonObject("grantex_anomalies_unacknowledged").getString("type"));
        assertTrue(value(after, "grantex_anomalies_unacknowledged", "grantex_anomalies_unacknowledged", Map.of()) >= 0);
        assertEquals("counter", after.getJsonObject("grantex_token_exchange").getString("type"));
        assertTrue(value(after, "grantex_token_exchange", "grantex_token_exchange_total", Map.of())
                >= value(before, "grantex_token_exchange", "grantex_token_exchange_total", Map.of()) + 1);
        assertTrue(value(after, "grantex_authorize", "grantex_authorize_total", Map.of())
                >= value(before, "grantex_authorize", "grantex_authorize_total", Map.of()) + 1);
        assertTrue(value(after, "grantex_grants_revoked", "grantex_grants_revoked_total", Map.of())
                >= value(before, "grantex_grants_revoked", "grantex_grants_revoked_total", Map.of()) + 2,
                "a cascade of two counts two");
        assertEquals("counter", after.getJsonObject("grantex_webhook_deliveries").getString("type"));
        for (String outcome : List.of("delivered", "retrying", "failed")) {
            assertTrue(value(after, "grantex_webhook_deliveries", "grantex_webhook_deliveries_total",
                    Map.of("outcome", outcome)) >= 0);
        }
        for (String timer : List.of("grantex_authorize_duration_seconds", "grantex_token_exchange_duration_seconds")) {
            assertEquals("histogram", after.getJsonObject(timer).getString("type"), timer);
            assertTrue(value(after, timer, timer + "_bucket", Map.of("le", "+Inf")) >= 1, timer);
        }
        assertEquals("gauge", after.getJsonObject("grantex_active_grants").getString("type"));
        assertTrue(value(after, "grantex_active_grants", "grantex_active_grants", Map.of()) >= 0);

        String http = "http_server_request_duration_seconds";
        assertEquals("histogram", after.getJsonObject(http).getString("type"));
        assertTrue(value(after, http, http + "_count", Map.of("http_route", "/v1/agents/{id}",
                "http_request_method", "GET", "http_response_status_code", "200")) >= 1,
                "durations are per route template, not per path");
        assertTrue(value(after, http, http + "_count", Map.of("http_route", "unmatched",
                "http_request_method", "GET", "http_response_status_code", "404")) >= 1);
        assertTrue(value(after, http, http + "_bucket", Map.of("http_route", "/v1/grants/delegate", "le", "+Inf")) >= 1);
        assertEquals(0, after.getJsonObject(http).getJsonArray("samples").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getJsonObject("labels").getString("http_route", "").contains(agentId)).count());

        assertTrue(value(after, "memory_usedHeap_bytes", "memory_usedHeap_bytes", Map.of()) > 0, "the JVM's own metrics");
        assertTrue(value(after, "jvm_uptime_seconds", "jvm_uptime_seconds", Map.of()) > 0);
    }
}
