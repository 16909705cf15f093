package dev.grantex.agents;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.TestDeveloper;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentsIT {
    private final TestDeveloper developer = TestDeveloper.create("enterprise");

    private JsonObject create(String json) {
        return developer.api().post("/v1/agents", json).expect(201).json();
    }

    private static List<String> scopes(JsonObject agent) {
        return agent.getJsonArray("scopes").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    @Test
    void createReturnsTheFullAgent() {
        JsonObject agent = create("{\"name\":\" travel-booker \",\"description\":\"Books flights\","
                + "\"scopes\":[\"calendar:read\",\"payments:initiate:max_500\",\"calendar:read\"]}");
        String id = agent.getString("agentId");
        assertTrue(id.matches("ag_[0-9A-HJKMNP-TV-Z]{26}"), id);
        assertEquals("did:grantex:" + id, agent.getString("did"));
        assertEquals(developer.developerId(), agent.getString("developerId"));
        assertEquals("travel-booker", agent.getString("name"));
        assertEquals("Books flights", agent.getString("description"));
        assertEquals(List.of("calendar:read", "payments:initiate:max_500"), scopes(agent));
        assertEquals("active", agent.getString("status"));
        assertEquals(agent.getString("createdAt"), agent.getString("updatedAt"));
        assertTrue(agent.getString("createdAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    }

    @Test
    void optionalFieldsDefault() {
        JsonObject agent = create("{\"name\":\"minimal\"}");
        assertEquals("", agent.getString("description"));
        assertEquals(List.of(), scopes(agent));
    }

    @Test
    void listIsNewestFirstAndOnlyTheCallers() {
        String first = create("{\"name\":\"one\"}").getString("agentId");
        String second = create("{\"name\":\"two\"}").getString("agentId");
        TestDeveloper.create("enterprise").api().post("/v1/agents", "{\"name\":\"someone else's\"}").expect(201);
        JsonArray agents = developer.api().get("/v1/agents").expect(200).json().getJsonArray("agents");
        assertEquals(2, agents.size());
        assertEquals(second, agents.getJsonObject(0).getString("agentId"));
        assertEquals(first, agents.getJsonObject(1).getString("agentId"));
    }

    @Test
    void getReturnsOneAgent() {
        JsonObject created = create("{\"name\":\"reader\",\"scopes\":[\"read\"]}");
        JsonObject fetched = developer.api().get("/v1/agents/" + created.getString("agentId")).expect(200).json();
        assertEquals(created, fetched);
    }

    @Test
    void patchChangesOnlyTheGivenFields() throws InterruptedException {
        JsonObject created = create("{\"name\":\"before\",\"description\":\"keep me\",\"scopes\":[\"read\"]}");
        String id = created.getString("agentId");
        Thread.sleep(5);
        JsonObject updated = developer.api().patch("/v1/agents/" + id, "{\"name\":\"after\",\"status\":\"suspended\"}")
                .expect(200).json();
        assertEquals("after", updated.getString("name"));
        assertEquals("keep me", updated.getString("description"));
        assertEquals(List.of("read"), scopes(updated));
        assertEquals("suspended", updated.getString("status"));
        assertEquals(created.getString("createdAt"), updated.getString("createdAt"));
        assertTrue(Instant.parse(updated.getString("updatedAt")).isAfter(Instant.parse(created.getString("updatedAt"))));
        assertEquals(updated, developer.api().get("/v1/agents/" + id).expect(200).json());
    }

    @Test
    void postToAnAgentIsAnUpdateAlias() {
        String id = create("{\"name\":\"py\"}").getString("agentId");
        JsonObject updated = developer.api().post("/v1/agents/" + id, "{\"scopes\":[\"read\",\"write\"]}").expect(200).json();
        assertEquals(List.of("read", "write"), scopes(updated));
    }

    @Test
    void deleteRemovesTheAgent() {
        String id = create("{\"name\":\"doomed\"}").getString("agentId");
        developer.api().delete("/v1/agents/" + id).expect(204);
        assertError(developer.api().get("/v1/agents/" + id), 404, "NOT_FOUND");
        assertError(developer.api().delete("/v1/agents/" + id), 404, "NOT_FOUND");
    }

    @Test
    void anotherDevelopersAgentIs404Everywhere() {
        String id = create("{\"name\":\"private\"}").getString("agentId");
        TestDeveloper other = TestDeveloper.create("enterprise");
        assertEquals("Agent not found", assertError(other.api().get("/v1/agents/" + id), 404, "NOT_FOUND").getString("message"));
        assertError(other.api().patch("/v1/agents/" + id, "{\"name\":\"stolen\"}"), 404, "NOT_FOUND");
        assertError(other.api().post("/v1/agents/" + id, "{\"name\":\"stolen\"}"), 404, "NOT_FOUND");
        assertError(other.api().delete("/v1/agents/" + id), 404, "NOT_FOUND");
        assertEquals("private", developer.api().get("/v1/agents/" + id).expect(200).json().getString("name"));
    }

    @Test
    void unknownAgentIs404() {
        assertError(developer.api().get("/v1/agents/nonexistent-agent-id"), 404, "NOT_FOUND");
        assertError(developer.api().patch("/v1/agents/nonexistent-agent-id", "{\"name\":\"x\"}"), 404, "NOT_FOUND");
    }

    @Test
    void createRejectsInvalidAgents() {
        assertEquals("name is required", assertError(developer.api().post("/v1/agents", "{}"), 400, "BAD_REQUEST")
                .getString("message"));
        assertError(developer.api().post("/v1/agents", "{\"name\":\"  \"}"), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/agents", "{\"name\":\"" + "a".repeat(201) + "\"}"), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/agents", "{\"name\":\"a\",\"description\":\"" + "d".repeat(4001) + "\"}"),
                400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/agents", "{\"name\":\"a\",\"scopes\":[\"\"]}"), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/agents", "{\"name\":\"a\",\"scopes\":[\"" + "s".repeat(257) + "\"]}"),
                400, "BAD_REQUEST");
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= 100; i++) {
            many.append(i == 0 ? "" : ",").append("\"s").append(i).append('"');
        }
        assertEquals("Too many scopes (max 100)", assertError(
                developer.api().post("/v1/agents", "{\"name\":\"a\",\"scopes\":" + many + "]}"), 400, "BAD_REQUEST")
                .getString("message"));
        assertTrue(developer.api().get("/v1/agents").expect(200).json().getJsonArray("agents").isEmpty());
    }

    @Test
    void patchRejectsEmptyAndInvalidChanges() {
        String id = create("{\"name\":\"stable\"}").getString("agentId");
        assertError(developer.api().patch("/v1/agents/" + id, "{}"), 400, "BAD_REQUEST");
        assertError(developer.api().patch("/v1/agents/" + id, "{\"status\":\"deleted\"}"), 400, "BAD_REQUEST");
        assertError(developer.api().patch("/v1/agents/" + id, "{\"name\":\"\"}"), 400, "BAD_REQUEST");
        assertError(developer.api().patch("/v1/agents/" + id, "{\"scopes\":\"read\"}"), 400, "BAD_REQUEST");
        assertError(developer.api().patch("/v1/agents/" + id, "{\"name\":"), 400, "BAD_REQUEST");
        JsonObject unchanged = developer.api().get("/v1/agents/" + id).expect(200).json();
        assertEquals("stable", unchanged.getString("name"));
        assertEquals("active", unchanged.getString("status"));
    }

    @Test
    void concurrentCreatesCannotExceedTheQuota() throws Exception {
        TestDeveloper free = TestDeveloper.create("free");
        int quota = Integer.parseInt(dev.grantex.it.ItServer.env("GRANTEX_PLANS_FREE_AGENTS"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(pool.submit(() -> free.api().post("/v1/agents", "{\"name\":\"racer\"}").status()));
            }
            int created = 0;
            for (var result : results) {
                created += result.get() == 201 ? 1 : 0;
            }
            assertEquals(quota, created);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(quota, free.api().get("/v1/agents").expect(200).json().getJsonArray("agents").size());
    }

    @Test
    void freePlanAgentQuotaIs402() {
        TestDeveloper free = TestDeveloper.create("free");
        int quota = Integer.parseInt(dev.grantex.it.ItServer.env("GRANTEX_PLANS_FREE_AGENTS"));
        for (int i = 0; i < quota; i++) {
            free.api().post("/v1/agents", "{\"name\":\"agent-" + i + "\"}").expect(201);
        }
        assertTrue(assertError(free.api().post("/v1/agents", "{\"name\":\"one too many\"}"), 402, "PLAN_LIMIT_EXCEEDED")
                .getString("message").contains("/v1/billing/checkout"));
        assertEquals(quota, free.api().get("/v1/agents").expect(200).json().getJsonArray("agents").size());
    }
}
