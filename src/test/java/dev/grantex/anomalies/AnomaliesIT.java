package dev.grantex.anomalies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Flows;
import dev.grantex.it.ItDatabase;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** /v1/anomalies and /v1/anomaly (contract §2.15 and the anomalies suite of §3): detection, alerts, rules. */
class AnomaliesIT {
    private final TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");

    private void log(String agentId, String action, String status, int times) {
        Flows.logAudit(developer, agentId, action, status, times);
    }

    private JsonObject detect() {
        return developer.api().post("/v1/anomalies/detect", null).expect(200).json();
    }

    private static List<JsonObject> anomalies(JsonObject detection) {
        return detection.getJsonArray("anomalies").getValuesAs(JsonObject.class);
    }

    private static JsonObject only(JsonObject detection, String type) {
        List<JsonObject> ofType = anomalies(detection).stream().filter(a -> a.getString("type").equals(type)).toList();
        assertEquals(1, ofType.size(), type + " in " + detection);
        return ofType.get(0);
    }

    private static boolean has(JsonObject detection, String type) {
        return anomalies(detection).stream().anyMatch(a -> a.getString("type").equals(type));
    }

    @Test
    void theConformanceSuitesThreeRequests() {
        Reply bodiless = Api.send(Api.request("/v1/anomalies/detect").header("Authorization", "Bearer " + developer.apiKey())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, bodiless.status());
        JsonObject detection = bodiless.json();
        for (String key : List.of("detectedAt", "total", "anomalies", "autoRevokedGrants")) {
            assertTrue(detection.containsKey(key), key);
        }
        assertEquals(200, developer.api().post("/v1/anomalies/detect", "{}").status());
        JsonObject list = developer.api().get("/v1/anomalies").expect(200).json();
        assertEquals(0, list.getInt("total"));
        assertEquals(0, list.getJsonArray("anomalies").size());
        assertEquals(404, Api.send(Api.request("/v1/anomalies/nonexistent-id/acknowledge")
                .header("Authorization", "Bearer " + developer.apiKey())
                .method("PATCH", HttpRequest.BodyPublishers.noBody())).status());
        assertEquals(404, developer.api().post("/v1/anomalies/nonexistent-id/acknowledge", null).status());
    }

    @Test
    void aVelocitySpikeIsHighAndDetectRevokesTheAgentsGrantsWithTheirDelegations() {
        String agent = Flows.createAgent(developer, List.of("read"));
        String other = Flows.createAgent(developer, List.of("read"));
        Flows.Issued grant = Flows.grant(developer, agent, List.of("read"));
        Flows.Issued delegated = Flows.delegate(developer, grant.grantToken(), other, List.of("read"));
        Flows.Issued untouched = Flows.grant(developer, other, List.of("read"));
        log(agent, "search", "success", 51);

        JsonObject detection = detect();
        JsonObject spike = only(detection, "rate_spike");
        assertEquals("high", spike.getString("severity"));
        assertEquals(agent, spike.getString("agentId"));
        assertEquals(51, spike.getJsonObject("metadata").getInt("entries"));
        assertTrue(spike.getString("id").matches("anm_[0-9A-Z]{26}"));
        assertTrue(spike.isNull("acknowledgedAt"));
        assertEquals(2, detection.getInt("autoRevokedGrants"));
        assertFalse(Flows.valid(developer, grant.grantToken()));
        assertFalse(Flows.valid(developer, delegated.grantToken()));
        assertTrue(Flows.valid(developer, untouched.grantToken()));

        // Found again, it is the same anomaly (the alert keeps its id), and nothing is left to revoke.
        JsonObject again = detect();
        assertEquals(spike.getString("id"), only(again, "rate_spike").getString("id"));
        assertEquals(0, again.getInt("autoRevokedGrants"));
    }

    /**
     * More grants than one event's list holds: the revocations are spread over several events. On
     * PostgreSQL only, where the test copies the agent's grant in the database, as a thousand grant
     * flows would be slow.
     */
    @Test
    void revokingMoreGrantsThanOneEventListsSpreadsThemOverSeveralEvents() throws SQLException {
        try (Connection db = ItDatabase.postgres()) {
            String agent = Flows.createAgent(developer, List.of("read"));
            String original = Flows.grant(developer, agent, List.of("read")).grantId();
            try (Statement statement = db.createStatement()) {
                statement.execute("CREATE TEMP TABLE grant_copies AS SELECT g.* FROM grants g "
                        + "CROSS JOIN generate_series(1, 1100) WHERE g.id = '" + original + "'");
                statement.execute("UPDATE grant_copies SET id = 'grnt_' || upper(replace(gen_random_uuid()::text, '-', ''))");
                statement.execute("INSERT INTO grants SELECT * FROM grant_copies");
                statement.execute("DROP TABLE grant_copies");
            }
            Set<String> granted = new HashSet<>();
            try (PreparedStatement select = db.prepareStatement("SELECT id FROM grants WHERE agent_id = ?")) {
                select.setString(1, agent);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        granted.add(rows.getString(1));
                    }
                }
            }
            assertEquals(1101, granted.size());
            log(agent, "search", "success", 51);

            assertEquals(1101, detect().getInt("autoRevokedGrants"));
            List<JsonObject> data = new ArrayList<>();
            try (PreparedStatement select = db.prepareStatement(
                    "SELECT payload FROM events WHERE developer_id = ? AND type = 'anomaly.auto_revoked'")) {
                select.setString(1, developer.developerId());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        data.add(Json.createReader(new StringReader(rows.getString(1))).readObject().getJsonObject("data"));
                    }
                }
            }
            assertEquals(3, data.size(), "500, 500 and 101 grants");
            List<String> listed = data.stream().flatMap(d -> d.getJsonArray("revokedGrants").getValuesAs(JsonString.class)
                    .stream().map(JsonString::getString)).toList();
            assertEquals(granted, new HashSet<>(listed));
            assertEquals(1101, listed.size());
            data.forEach(d -> assertEquals(1, d.getInt("anomalyCount")));
        }
    }

    @Test
    void failureRateUnknownAgentAndNewPrincipal() {
        String agent = Flows.createAgent(developer, List.of("read"));
        log(agent, "pay", "success", 3);
        log(agent, "pay", "failure", 1);
        log(agent, "pay", "blocked", 1);
        log("ag_ghost", "search", "success", 1);
        Flows.grantFor(developer, agent, "newcomer", List.of("read"));

        JsonObject detection = detect();
        JsonObject failures = only(detection, "high_failure_rate");
        assertEquals("medium", failures.getString("severity"));
        assertEquals(0.4, failures.getJsonObject("metadata").getJsonNumber("failureRate").doubleValue(), 1e-9);
        JsonObject ghost = only(detection, "unknown_agent");
        assertEquals("critical", ghost.getString("severity"));
        assertEquals("ag_ghost", ghost.getString("agentId"));
        JsonObject newcomer = only(detection, "new_principal");
        assertEquals("low", newcomer.getString("severity"));
        assertEquals(agent, newcomer.getString("agentId"));
        assertEquals("newcomer", newcomer.getString("principalId"));
        assertEquals(0, detection.getInt("autoRevokedGrants"));
    }

    @Test
    void offHoursActivityCountsOnlyEntriesBetween22And06Utc() {
        String agent = Flows.createAgent(developer, List.of("read"));
        log(agent, "search", "success", 11);
        int hour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        boolean offHours = hour >= 22 || hour < 6;
        JsonObject detection = detect();
        // Entries are timestamped now, so the rule holds exactly when this test runs off hours (unless
        // the hour turned meanwhile).
        if (hour == ZonedDateTime.now(ZoneOffset.UTC).getHour()) {
            assertEquals(offHours, has(detection, "off_hours_activity"), hour + " UTC: " + detection);
        }
    }

    @Test
    void moreThanFiveRevocationsWithinAMinuteAreARapidRevocationWhichRevokesNothingMore() {
        String agent = Flows.createAgent(developer, List.of("read"));
        String other = Flows.createAgent(developer, List.of("read"));
        List<Flows.Issued> grants = IntStream.range(0, 6).mapToObj(i -> Flows.grant(developer, agent, List.of("read"))).toList();
        Flows.Issued root = Flows.grant(developer, other, List.of("read"));
        Flows.delegate(developer, root.grantToken(), agent, List.of("read"));
        Flows.Issued kept = Flows.grant(developer, other, List.of("read"));
        // Five revocations, one of them a cascade of two grants: a cascade counts once.
        for (Flows.Issued grant : grants.subList(0, 4)) {
            developer.api().delete("/v1/grants/" + grant.grantId()).expect(204);
        }
        developer.api().delete("/v1/grants/" + root.grantId()).expect(204);
        assertFalse(has(detect(), "rapid_revocation"));

        developer.api().delete("/v1/grants/" + grants.get(4).grantId()).expect(204);
        JsonObject detection = detect();
        JsonObject rapid = only(detection, "rapid_revocation");
        assertEquals("critical", rapid.getString("severity"));
        assertTrue(rapid.isNull("agentId"), "revocations are the developer's, not one agent's");
        assertEquals(6, rapid.getJsonObject("metadata").getInt("revocations"));
        assertEquals(0, detection.getInt("autoRevokedGrants"));
        assertTrue(Flows.valid(developer, grants.get(5).grantToken()));
        assertTrue(Flows.valid(developer, kept.grantToken()));
    }

    @Test
    void eightyPercentOfABudgetDebitedWithinTheHourIsABudgetCliffWhichRevokesTheAgent() {
        String agent = Flows.createAgent(developer, List.of("payments:initiate"));
        Flows.Issued cliff = Flows.grant(developer, agent, List.of("payments:initiate"));
        Flows.Issued steady = Flows.grant(developer, Flows.createAgent(developer, List.of("payments:initiate")),
                List.of("payments:initiate"));
        for (Flows.Issued grant : List.of(cliff, steady)) {
            developer.api().post("/v1/budget/allocate", "{\"grantId\":\"" + grant.grantId() + "\",\"initialBudget\":100}")
                    .expect(201);
        }
        developer.api().post("/v1/budget/debit", "{\"grantId\":\"" + steady.grantId() + "\",\"amount\":79.99}").expect(200);
        developer.api().post("/v1/budget/debit", "{\"grantId\":\"" + cliff.grantId() + "\",\"amount\":50}").expect(200);
        developer.api().post("/v1/budget/debit", "{\"grantId\":\"" + cliff.grantId() + "\",\"amount\":30}").expect(200);

        JsonObject detection = detect();
        JsonObject found = only(detection, "budget_cliff");
        assertEquals("high", found.getString("severity"));
        assertEquals(agent, found.getString("agentId"));
        JsonObject budget = found.getJsonObject("metadata").getJsonArray("budgets").getJsonObject(0);
        assertEquals(cliff.grantId(), budget.getString("grantId"));
        assertEquals(80, budget.getJsonNumber("debited").intValue());
        assertEquals(1, detection.getInt("autoRevokedGrants"));
        assertFalse(Flows.valid(developer, cliff.grantToken()));
        assertTrue(Flows.valid(developer, steady.grantToken()), "79.99 of 100 is below the cliff");
    }

    /** A finding's metadata is bounded: the first hundred budgets are listed, all are counted. */
    @Test
    void aBudgetCliffOverManyGrantsListsAHundredAndCountsThemAll() {
        // Delegated grants of one sub-agent: as many authorize calls would meet the developer's rate limit.
        String parent = Flows.grant(developer, Flows.createAgent(developer, List.of("payments:initiate")),
                List.of("payments:initiate")).grantToken();
        String agent = Flows.createAgent(developer, List.of("payments:initiate"));
        int grants = AnomalyDetector.MAX_BUDGETS_LISTED + 5;
        for (int i = 0; i < grants; i++) {
            String grantId = Flows.delegate(developer, parent, agent, List.of("payments:initiate")).grantId();
            developer.api().post("/v1/budget/allocate", "{\"grantId\":\"" + grantId + "\",\"initialBudget\":100}")
                    .expect(201);
            developer.api().post("/v1/budget/debit", "{\"grantId\":\"" + grantId + "\",\"amount\":80}").expect(200);
        }
        JsonObject found = only(detect(), "budget_cliff");
        assertEquals(AnomalyDetector.MAX_BUDGETS_LISTED, found.getJsonObject("metadata").getJsonArray("budgets").size());
        assertEquals(grants, found.getJsonObject("metadata").getInt("budgetCount"));
        assertTrue(found.getString("description").startsWith(grants + " of the agent's budgets"), found.toString());
    }

    @Test
    void aDelegationSpikeIsFound() {
        String root = Flows.createAgent(developer, List.of("read"));
        String middle = Flows.createAgent(developer, List.of("read"));
        String leaf = Flows.createAgent(developer, List.of("read"));
        Flows.Issued top = Flows.grant(developer, root, List.of("read"));
        Flows.Issued second = Flows.delegate(developer, top.grantToken(), middle, List.of("read"));
        for (int i = 0; i < 11; i++) {
            Flows.delegate(developer, second.grantToken(), leaf, List.of("read"));
        }
        JsonObject spike = only(detect(), "cascade_delegation");
        assertEquals(leaf, spike.getString("agentId"));
        assertEquals(11, spike.getJsonObject("metadata").getInt("grants"));
        assertTrue(Flows.valid(developer, top.grantToken()));
    }

    @Test
    void alertsAreAcknowledgedResolvedFilteredAndCounted() {
        log("ag_ghost", "search", "success", 1);
        Flows.grantFor(developer, Flows.createAgent(developer, List.of("read")), "someone", List.of("read"));
        JsonObject detection = detect();
        String ghost = only(detection, "unknown_agent").getString("id");
        String newcomer = only(detection, "new_principal").getString("id");

        JsonObject alert = developer.api().get("/v1/anomaly/alerts/" + ghost).expect(200).json();
        assertEquals("AD-008", alert.getString("ruleId"));
        assertEquals("Unknown agent", alert.getString("ruleName"));
        assertEquals("open", alert.getString("status"));
        assertEquals(1, alert.getJsonObject("context").getInt("entries"));

        JsonObject acknowledged = developer.api().post("/v1/anomaly/alerts/" + ghost + "/acknowledge", "{\"note\":\"looking\"}")
                .expect(200).json();
        assertEquals("acknowledged", acknowledged.getString("status"));
        assertFalse(acknowledged.isNull("acknowledgedAt"));
        JsonObject resolved = developer.api().post("/v1/anomaly/alerts/" + ghost + "/resolve", "{\"note\":\"test agent\"}")
                .expect(200).json();
        assertEquals("resolved", resolved.getString("status"));
        assertEquals("test agent", resolved.getString("note"));
        assertEquals(acknowledged.getString("acknowledgedAt"), resolved.getString("acknowledgedAt"));

        assertEquals(List.of(newcomer), ids(developer.api().get("/v1/anomaly/alerts?status=open").expect(200).json()));
        assertEquals(List.of(ghost), ids(developer.api().get("/v1/anomaly/alerts?severity=critical").expect(200).json()));
        assertEquals(1, developer.api().get("/v1/anomaly/alerts?limit=1").expect(200).json().getJsonArray("data").size());
        assertEquals(1, developer.api().get("/v1/anomaly/alerts?limit=0").expect(200).json().getJsonArray("data").size());
        List<JsonObject> open = developer.api().get("/v1/anomalies?unacknowledged=true").expect(200).json()
                .getJsonArray("anomalies").getValuesAs(JsonObject.class);
        assertEquals(List.of(newcomer), open.stream().map(a -> a.getString("id")).toList());

        JsonObject counts = developer.api().get("/v1/anomaly/metrics?window=1h").expect(200).json();
        assertEquals("1h", counts.getString("window"));
        assertEquals(2, counts.getInt("total"));
        assertEquals(1, counts.getJsonObject("byStatus").getInt("open"));
        assertEquals(1, counts.getJsonObject("byStatus").getInt("resolved"));
        assertEquals(0, counts.getJsonObject("byStatus").getInt("acknowledged"));
        assertEquals(1, counts.getJsonObject("bySeverity").getInt("critical"));
        assertEquals(1, counts.getJsonObject("bySeverity").getInt("low"));

        // The resolved alert stays; the newcomer finding, gone from the data, goes with the next detection.
        JsonObject acknowledgedByAnomalyRoute = developer.api().patch("/v1/anomalies/" + newcomer + "/acknowledge", null)
                .expect(200).json();
        assertFalse(acknowledgedByAnomalyRoute.isNull("acknowledgedAt"));
        assertEquals(0, developer.api().get("/v1/anomalies?unacknowledged=true").expect(200).json().getInt("total"));
    }

    private static List<String> ids(JsonObject alerts) {
        return alerts.getJsonArray("data").getValuesAs(JsonObject.class).stream().map(a -> a.getString("alertId")).toList();
    }

    @Test
    void rulesAreListedSwitchedAndAddedAndCustomRulesDetect() {
        List<JsonObject> rules = developer.api().get("/v1/anomaly/rules").expect(200).json().getJsonArray("rules")
                .getValuesAs(JsonObject.class);
        assertEquals(List.of("AD-001", "AD-002", "AD-003", "AD-004", "AD-005", "AD-006", "AD-007", "AD-008", "AD-009",
                "AD-010", "GX-001", "GX-002"), rules.stream().map(r -> r.getString("ruleId")).toList());
        assertTrue(rules.stream().allMatch(r -> r.getBoolean("builtIn") && r.getBoolean("enabled")));
        assertFalse(rules.get(1).getBoolean("computed"));
        assertTrue(rules.get(0).getBoolean("computed"));

        String agent = Flows.createAgent(developer, List.of("read"));
        Flows.Issued grant = Flows.grant(developer, agent, List.of("read"));
        log(agent, "payment.initiated", "success", 51);
        developer.api().patch("/v1/anomaly/rules/AD-001", "{\"enabled\":false}").expect(200);
        developer.api().patch("/v1/anomaly/rules/GX-002", "{\"enabled\":false}").expect(200);
        JsonObject custom = developer.api().post("/v1/anomaly/rules", "{\"ruleId\":\"payments-burst\",\"name\":\"Payments burst\","
                + "\"condition\":{\"action\":\"payment.*\",\"threshold\":50,\"windowMinutes\":10},\"severity\":\"medium\"}")
                .expect(201).json();
        assertTrue(custom.getString("id").matches("arule_[0-9A-Z]{26}"));
        assertFalse(custom.getBoolean("builtIn"));

        JsonObject detection = detect();
        assertFalse(has(detection, "rate_spike"));
        assertFalse(has(detection, "new_principal"));
        JsonObject burst = only(detection, "custom");
        assertEquals(agent, burst.getString("agentId"));
        assertEquals("medium", burst.getString("severity"));
        assertEquals(0, detection.getInt("autoRevokedGrants"));
        assertTrue(Flows.valid(developer, grant.grantToken()));
        assertEquals("payments-burst", developer.api().get("/v1/anomaly/alerts/" + burst.getString("id")).expect(200).json()
                .getString("ruleId"));

        assertFalse(developer.api().patch("/v1/anomaly/rules/payments-burst", "{\"enabled\":false}").expect(200).json()
                .getBoolean("enabled"));
        assertFalse(has(detect(), "custom"));
        assertEquals(409, developer.api().post("/v1/anomaly/rules", "{\"ruleId\":\"payments-burst\",\"name\":\"again\","
                + "\"condition\":{\"threshold\":1,\"windowMinutes\":1}}").status());
        assertEquals(409, developer.api().post("/v1/anomaly/rules", "{\"ruleId\":\"AD-001\",\"name\":\"mine\","
                + "\"condition\":{\"threshold\":1,\"windowMinutes\":1}}").status());
        assertEquals(400, developer.api().delete("/v1/anomaly/rules/AD-001").status());
        developer.api().delete("/v1/anomaly/rules/" + custom.getString("id")).expect(204);
        assertEquals(404, developer.api().delete("/v1/anomaly/rules/payments-burst").status());
        assertEquals(12, developer.api().get("/v1/anomaly/rules").expect(200).json().getJsonArray("rules").size());
    }

    @Test
    void badInputIs400AndChangesNothing() {
        for (String body : List.of("{}", "{\"ruleId\":\"r\",\"name\":\"n\"}",
                "{\"ruleId\":\"r\",\"name\":5,\"condition\":{\"threshold\":1,\"windowMinutes\":5}}",
                "{\"ruleId\":\"r\",\"name\":\"n\",\"condition\":[1]}",
                "{\"ruleId\":\"r\",\"name\":\"n\",\"condition\":{\"threshold\":0,\"windowMinutes\":5}}",
                "{\"ruleId\":\"r\",\"name\":\"n\",\"condition\":{\"threshold\":1,\"windowMinutes\":1441}}",
                "{\"ruleId\":\"r\",\"name\":\"n\",\"condition\":{\"threshold\":1.5,\"windowMinutes\":5}}",
                "{\"ruleId\":\"r\",\"name\":\"n\",\"condition\":{\"threshold\":1,\"windowMinutes\":5,\"colour\":\"red\"}}",
                "{\"ruleId\":\"r\",\"name\":\"n\",\"condition\":{\"threshold\":1,\"windowMinutes\":5,\"status\":\"maybe\"}}",
                "{\"ruleId\":\"r\",\"name\":\"n\",\"condition\":{\"threshold\":1,\"windowMinutes\":5,\"action\":\"a*b\"}}",
                "{\"ruleId\":\"r\",\"name\":\"n\",\"condition\":{\"threshold\":1,\"windowMinutes\":5},\"severity\":\"dire\"}",
                "{\"ruleId\":\"r\",\"name\":\"n\",\"condition\":{\"threshold\":1,\"windowMinutes\":5},\"alertChannels\":[\"achan_1\"]}",
                "{\"ruleId\":\"r\",\"name\":\"n\",\"condition\":{\"threshold\":1,\"windowMinutes\":5},\"alertChannels\":["
                        + IntStream.range(0, 26).mapToObj(i -> "\"achan_" + i + "\"").collect(Collectors.joining(",")) + "]}",
                "{\"ruleId\":\"r\",\"name\":\"n\",\"condition\":{\"threshold\":1,\"windowMinutes\":5,\"action\":\"pay\\u0000\"}}",
                "{\"ruleId\":\"r\",\"name\":\"n\",\"condition\":{\"threshold\":18446744073709551621,\"windowMinutes\":5}}",
                "{\"ruleId\":\"r\",\"name\":\"n\",\"condition\":{\"threshold\":1,\"windowMinutes\":18446744073709551621}}",
                "{\"ruleId\":\"" + "r".repeat(65) + "\",\"name\":\"n\",\"condition\":{\"threshold\":1,\"windowMinutes\":5}}",
                "[]", "{\"ruleId\":")) {
            Reply reply = developer.api().post("/v1/anomaly/rules", body);
            assertEquals(400, reply.status(), body);
            assertEquals("BAD_REQUEST", reply.json().getString("code"), body);
        }
        assertEquals(12, developer.api().get("/v1/anomaly/rules").expect(200).json().getJsonArray("rules").size());
        assertEquals(400, developer.api().patch("/v1/anomaly/rules/AD-001", "{}").status());
        assertEquals(400, developer.api().patch("/v1/anomaly/rules/AD-001", "{\"enabled\":\"no\"}").status());
        assertEquals(404, developer.api().patch("/v1/anomaly/rules/nope", "{\"enabled\":false}").status());
        assertEquals(400, developer.api().get("/v1/anomalies?unacknowledged=maybe").status());
        assertEquals(400, developer.api().get("/v1/anomaly/alerts?status=closed").status());
        assertEquals(400, developer.api().get("/v1/anomaly/alerts?severity=dire").status());
        assertEquals(400, developer.api().get("/v1/anomaly/alerts?limit=ten").status());
        assertEquals(400, developer.api().get("/v1/anomaly/metrics?window=2h").status());
        assertEquals(404, developer.api().post("/v1/anomaly/alerts/anm_nope/resolve", "{}").status());
    }

    @Test
    void anotherDevelopersAnomaliesAndRulesAreNotFound() {
        log("ag_ghost", "search", "success", 1);
        String ghost = only(detect(), "unknown_agent").getString("id");
        developer.api().post("/v1/anomaly/rules", "{\"ruleId\":\"mine\",\"name\":\"Mine\","
                + "\"condition\":{\"threshold\":1,\"windowMinutes\":5}}").expect(201);
        TestDeveloper stranger = TestDeveloper.create("enterprise", "sandbox");
        assertEquals(404, stranger.api().get("/v1/anomaly/alerts/" + ghost).status());
        assertEquals(404, stranger.api().post("/v1/anomaly/alerts/" + ghost + "/resolve", "{}").status());
        assertEquals(404, stranger.api().patch("/v1/anomalies/" + ghost + "/acknowledge", null).status());
        assertEquals(404, stranger.api().patch("/v1/anomaly/rules/mine", "{\"enabled\":false}").status());
        assertEquals(404, stranger.api().delete("/v1/anomaly/rules/mine").status());
        assertEquals(0, stranger.api().get("/v1/anomalies").expect(200).json().getInt("total"));
        assertEquals(0, stranger.api().get("/v1/anomaly/alerts").expect(200).json().getJsonArray("data").size());
        assertEquals(12, stranger.api().get("/v1/anomaly/rules").expect(200).json().getJsonArray("rules").size());
        assertNotEquals(0, developer.api().get("/v1/anomalies").expect(200).json().getInt("total"));
    }
}
