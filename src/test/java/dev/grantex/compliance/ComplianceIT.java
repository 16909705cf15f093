package dev.grantex.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.ErrorEnvelope;
import dev.grantex.it.Flows;
import dev.grantex.it.ItDatabase;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** /v1/compliance (contract §2.16 and the compliance suite of §3): summary, exports in JSON and CSV, evidence pack. */
class ComplianceIT {
    private final TestDeveloper developer = TestDeveloper.create("enterprise", "live");
    private final String agent = Flows.createAgent(developer, List.of("read", "write"));

    private String log(String action, String status, String metadata) {
        String body = "{\"agentId\":\"" + agent + "\",\"agentDid\":\"did:grantex:" + agent + "\",\"grantId\":\"grnt_1\","
                + "\"principalId\":\"user_1\",\"action\":\"" + action + "\",\"status\":\"" + status + "\",\"metadata\":"
                + metadata + "}";
        return developer.api().post("/v1/audit/log", body).expect(201).json().getString("entryId");
    }

    private Reply getWithAccept(String path, String accept) {
        return Api.send(Api.request(path).header("Authorization", "Bearer " + developer.apiKey()).header("Accept", accept).GET());
    }

    private static List<CSVRecord> parseCsv(String csv) throws IOException {
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(csv))) {
            return parser.getRecords();
        }
    }

    @Test
    void theSummaryCountsAsTheConformanceSuiteReadsIt() {
        String suspended = Flows.createAgent(developer, List.of("read"));
        developer.api().patch("/v1/agents/" + suspended, "{\"status\":\"suspended\"}").expect(200);
        Flows.Issued kept = Flows.grant(developer, agent, List.of("read"));
        Flows.Issued revoked = Flows.grant(developer, agent, List.of("write"));
        developer.api().delete("/v1/grants/" + revoked.grantId()).expect(204);
        log("step.one", "success", "{}");
        log("step.two", "failure", "{}");
        log("step.three", "blocked", "{}");
        developer.api().post("/v1/policies", "{\"name\":\"p\",\"effect\":\"deny\",\"scopes\":[\"admin\"]}").expect(201);

        JsonObject summary = developer.api().get("/v1/compliance/summary").expect(200).json();
        for (String key : List.of("generatedAt", "agents", "grants", "auditEntries", "policies", "plan")) {
            assertTrue(summary.containsKey(key), key);
        }
        assertFalse(summary.containsKey("since"));
        assertEquals(Json.createObjectBuilder().add("total", 2).add("active", 1).add("suspended", 1).add("revoked", 0).build(),
                summary.getJsonObject("agents"));
        assertEquals(Json.createObjectBuilder().add("total", 2).add("active", 1).add("revoked", 1).add("expired", 0).build(),
                summary.getJsonObject("grants"));
        assertEquals(Json.createObjectBuilder().add("total", 3).add("success", 1).add("failure", 1).add("blocked", 1).build(),
                summary.getJsonObject("auditEntries"));
        assertEquals(1, summary.getJsonObject("policies").getInt("total"));
        assertEquals("enterprise", summary.getString("plan"));
        assertTrue(kept.grantId().startsWith("grnt_"));

        JsonObject future = developer.api().get("/v1/compliance/summary?since=2999-01-01T00:00:00.000Z").expect(200).json();
        assertEquals("2999-01-01T00:00:00.000Z", future.getString("since"));
        assertEquals(0, future.getJsonObject("grants").getInt("total"));
        assertEquals(0, future.getJsonObject("auditEntries").getInt("total"));
        assertEquals(2, future.getJsonObject("agents").getInt("total"), "agents are not filtered by time");
    }

    @Test
    void theGrantsExportListsEveryGrantInJsonAndInCsv() throws IOException {
        Flows.Issued parent = Flows.grant(developer, agent, List.of("read", "write"));
        String subAgent = Flows.createAgent(developer, List.of("read"));
        Flows.Issued child = Flows.delegate(developer, parent.grantToken(), subAgent, List.of("read"));
        Flows.Issued revoked = Flows.grant(developer, agent, List.of("write"));
        developer.api().delete("/v1/grants/" + revoked.grantId()).expect(204);

        JsonObject export = developer.api().get("/v1/compliance/export/grants").expect(200).json();
        assertEquals(3, export.getInt("total"));
        List<JsonObject> grants = export.getJsonArray("grants").getValuesAs(JsonObject.class);
        assertEquals(List.of(parent.grantId(), child.grantId(), revoked.grantId()),
                grants.stream().map(g -> g.getString("grantId")).toList(), "oldest first");
        JsonObject delegated = grants.get(1);
        assertEquals(1, delegated.getInt("delegationDepth"));
        assertEquals(parent.grantId(), delegated.getString("parentGrantId"));
        assertEquals(List.of("read"), delegated.getJsonArray("scopes").getValuesAs(JsonString::getString));
        assertEquals(JsonValue.NULL, delegated.get("revokedAt"));
        assertEquals(developer.developerId(), delegated.getString("developerId"));
        assertEquals(JsonValue.FALSE, delegated.get("fidoVerified"));
        assertEquals(JsonValue.NULL, delegated.get("fidoCredentialId"));
        JsonObject listed = developer.api().get("/v1/grants/" + child.grantId()).expect(200).json();
        for (String key : List.of("agentId", "principalId", "status", "issuedAt", "expiresAt")) {
            assertEquals(listed.get(key), delegated.get(key), key);
        }

        JsonObject onlyRevoked = developer.api().get("/v1/compliance/export/grants?status=revoked").expect(200).json();
        assertEquals(1, onlyRevoked.getInt("total"));
        assertEquals(revoked.grantId(), onlyRevoked.getJsonArray("grants").getJsonObject(0).getString("grantId"));
        assertEquals(2, developer.api().get("/v1/compliance/export/grants?status=active").expect(200).json().getInt("total"));

        Reply csv = getWithAccept("/v1/compliance/export/grants", "text/csv").expect(200);
        assertTrue(csv.header("Content-Type").orElseThrow().startsWith("text/csv"));
        List<CSVRecord> rows = parseCsv(csv.body());
        assertEquals(3, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonObject json = grants.get(i);
            CSVRecord row = rows.get(i);
            assertEquals(json.getString("grantId"), row.get("grantId"));
            assertEquals(json.getString("status"), row.get("status"));
            assertEquals(json.getString("issuedAt"), row.get("issuedAt"));
            assertEquals(Integer.toString(json.getInt("delegationDepth")), row.get("delegationDepth"));
            assertEquals("false", row.get("fidoVerified"));
            assertEquals(json.getJsonArray("scopes").getValuesAs(JsonString::getString),
                    List.of(row.get("scopes").split(" ")));
        }
        assertEquals("", rows.get(0).get("revokedAt"));
        assertEquals(grants.get(2).getString("revokedAt"), rows.get(2).get("revokedAt"));
    }

    @Test
    void theAuditExportIsTheEntriesInChainOrderInJsonAndInCsv() throws IOException {
        log("plain", "success", "{}");
        log("awkward", "failure", "{\"note\":\"a, \\\"quoted\\\"\\nsecond line\",\"n\":1.5,\"ok\":true}");
        log("blocked.one", "blocked", "{\"unicode\":\"\u00e9\u4e2d\"}");
        String other = Flows.createAgent(developer, List.of("read"));
        developer.api().post("/v1/audit/log", "{\"agentId\":\"" + other + "\",\"agentDid\":\"did:grantex:" + other
                + "\",\"grantId\":\"g\",\"principalId\":\"p\",\"action\":\"elsewhere\"}").expect(201);

        List<JsonObject> entries = developer.api().get("/v1/audit/entries").expect(200).json()
                .getJsonArray("entries").getValuesAs(JsonObject.class);
        JsonObject export = developer.api().get("/v1/compliance/export/audit").expect(200).json();
        assertEquals(4, export.getInt("total"));
        assertEquals(entries, export.getJsonArray("entries").getValuesAs(JsonObject.class),
                "the export has the entries exactly as the audit API gives them");
        assertEquals(3, developer.api().get("/v1/compliance/export/audit?agentId=" + agent).expect(200).json().getInt("total"));
        JsonObject failures = developer.api().get("/v1/compliance/export/audit?status=failure").expect(200).json();
        assertEquals(List.of("awkward"), failures.getJsonArray("entries").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("action")).toList());

        List<CSVRecord> rows = parseCsv(getWithAccept("/v1/compliance/export/audit", "text/csv, application/json;q=0.5")
                .expect(200).body());
        assertEquals(entries.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonObject entry = entries.get(i);
            CSVRecord row = rows.get(i);
            for (String key : List.of("entryId", "agentId", "grantId", "action", "hash", "timestamp", "status")) {
                assertEquals(entry.getString(key), row.get(key), key);
            }
            assertEquals(entry.getJsonObject("metadata"), Json.createReader(new StringReader(row.get("metadata"))).readObject());
        }
        assertEquals("", rows.get(0).get("prevHash"), "the first entry links to nothing");

        Reply preferringJson = getWithAccept("/v1/compliance/export/audit", "text/csv;q=0.5, application/json");
        assertEquals(4, preferringJson.expect(200).json().getInt("total"));
    }

    @Test
    void theEvidencePackHasEverySectionAndAnIntactChain() {
        log("one", "success", "{}");
        log("two", "success", "{}");
        Flows.grant(developer, agent, List.of("read"));
        developer.api().post("/v1/policies", "{\"name\":\"p\",\"effect\":\"allow\",\"scopes\":[\"read\"]}").expect(201);

        JsonObject pack = developer.api().get("/v1/compliance/evidence-pack?framework=soc2").expect(200).json();
        for (String key : List.of("meta", "summary", "grants", "auditEntries", "policies", "chainIntegrity")) {
            assertTrue(pack.containsKey(key), key);
        }
        JsonObject meta = pack.getJsonObject("meta");
        assertEquals("1.0", meta.getString("schemaVersion"));
        assertEquals("soc2", meta.getString("framework"));
        assertFalse(pack.getJsonObject("summary").containsKey("generatedAt"));
        assertEquals(2, pack.getJsonObject("summary").getJsonObject("auditEntries").getInt("total"));
        assertEquals(1, pack.getJsonArray("grants").size());
        assertEquals(2, pack.getJsonArray("auditEntries").size());
        assertEquals("p", pack.getJsonArray("policies").getJsonObject(0).getString("name"));
        assertEquals(Json.createObjectBuilder().add("valid", true).add("checkedEntries", 2).addNull("firstBrokenAt")
                .addNull("reason").build(), pack.getJsonObject("chainIntegrity"));
        assertEquals("all", developer.api().get("/v1/compliance/evidence-pack").expect(200).json()
                .getJsonObject("meta").getString("framework"));
    }

    @Test
    void theEvidencePackNamesTheEntryWhoseRowWasAltered() throws SQLException {
        try (Connection db = ItDatabase.postgres()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(log("step." + i, "success", "{\"i\":" + i + "}"));
            }
            try (PreparedStatement update = db.prepareStatement("UPDATE audit_entries SET metadata = '{\"i\":99}' WHERE id = ?")) {
                update.setString(1, ids.get(2));
                update.executeUpdate();
            }
            JsonObject integrity = developer.api().get("/v1/compliance/evidence-pack").expect(200).json()
                    .getJsonObject("chainIntegrity");
            assertFalse(integrity.getBoolean("valid"));
            assertEquals(ids.get(2), integrity.getString("firstBrokenAt"));
            assertEquals("content", integrity.getString("reason"));
            assertEquals(2, integrity.getInt("checkedEntries"));
            assertEquals(integrity, developer.api().get("/v1/audit/verify").expect(200).json(),
                    "the pack and the audit API agree");
        }
    }

    @Test
    void badParametersAre400AndAnotherDevelopersDataIsNotThere() {
        for (String path : List.of("/v1/compliance/summary?since=yesterday",
                "/v1/compliance/summary?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z",
                "/v1/compliance/export/grants?status=pending", "/v1/compliance/export/audit?status=ok",
                "/v1/compliance/export/audit?until=10000-01-01T00:00:00Z", "/v1/compliance/evidence-pack?framework=hipaa")) {
            ErrorEnvelope.assertError(developer.api().get(path), 400, "BAD_REQUEST");
        }
        Api.anonymous().get("/v1/compliance/summary").expect(401);

        log("mine", "success", "{}");
        Flows.grant(developer, agent, List.of("read"));
        TestDeveloper stranger = TestDeveloper.create("enterprise", "live");
        JsonObject theirs = stranger.api().get("/v1/compliance/summary").expect(200).json();
        assertEquals(0, theirs.getJsonObject("grants").getInt("total"));
        assertEquals(0, theirs.getJsonObject("auditEntries").getInt("total"));
        assertEquals(0, stranger.api().get("/v1/compliance/export/grants").expect(200).json().getInt("total"));
        assertEquals(0, stranger.api().get("/v1/compliance/export/audit?agentId=" + agent).expect(200).json().getInt("total"));
        JsonObject pack = stranger.api().get("/v1/compliance/evidence-pack").expect(200).json();
        assertEquals(0, pack.getJsonArray("auditEntries").size());
        assertEquals(0, pack.getJsonArray("grants").size());
    }
}
