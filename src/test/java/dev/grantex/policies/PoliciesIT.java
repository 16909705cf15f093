package dev.grantex.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Flows;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /v1/policies (contract §2.11 and the policies suite of §3) and their decisions at authorize (§7.3). */
class PoliciesIT {
    private final TestDeveloper live = TestDeveloper.create("enterprise", "live");
    private final String agent = Flows.createAgent(live, List.of("read", "write", "payments:initiate"));

    private static JsonObject create(TestDeveloper developer, String body) {
        return developer.api().post("/v1/policies", body).expect(201).json();
    }

    private Reply authorize(String principal, String... scopes) {
        return live.api().post("/v1/authorize", Flows.authorizeBody(agent, principal, List.of(scopes)).build().toString());
    }

    private static List<String> names(TestDeveloper developer) {
        return developer.api().get("/v1/policies").expect(200).json().getJsonArray("policies")
                .getValuesAs(JsonObject.class).stream().map(p -> p.getString("name")).toList();
    }

    @Test
    void createGetPatchAndDeleteAsTheConformanceSuiteDoes() {
        JsonObject created = create(live, "{\"name\":\"conformance-policy\",\"effect\":\"allow\",\"scopes\":[\"read\"]}");
        String id = created.getString("id");
        assertTrue(id.matches("pol_[0-9A-Z]{26}"), id);
        assertEquals("allow", created.getString("effect"));
        assertEquals(0, created.getInt("priority"));
        assertEquals(List.of("read"), created.getJsonArray("scopes").getValuesAs(JsonString::getString));
        for (String key : List.of("agentId", "principalId", "timeOfDayStart", "timeOfDayEnd", "days")) {
            assertEquals(JsonValue.NULL, created.get(key), key);
        }
        assertEquals(created.getString("createdAt"), created.getString("updatedAt"));

        JsonObject list = live.api().get("/v1/policies").expect(200).json();
        assertEquals(1, list.getInt("total"));
        assertEquals(id, list.getJsonArray("policies").getJsonObject(0).getString("id"));
        assertEquals(created, live.api().get("/v1/policies/" + id).expect(200).json());

        JsonObject patched = live.api().patch("/v1/policies/" + id, "{\"effect\":\"deny\"}").expect(200).json();
        assertEquals("deny", patched.getString("effect"));
        assertEquals("conformance-policy", patched.getString("name"));
        assertEquals(List.of("read"), patched.getJsonArray("scopes").getValuesAs(JsonString::getString));

        live.api().delete("/v1/policies/" + id).expect(204);
        live.api().delete("/v1/policies/" + id).expect(404);
        live.api().get("/v1/policies/" + id).expect(404);
        live.api().patch("/v1/policies/" + id, "{\"effect\":\"allow\"}").expect(404);
    }

    @Test
    void anAllowPolicyApprovesAtOnceAndTheCodeIsExchanged() {
        authorize("alice", "read").expect(201);
        create(live, "{\"name\":\"reads\",\"effect\":\"allow\",\"scopes\":[\"read\"]}");
        JsonObject approved = authorize("alice", "read").expect(201).json();
        assertTrue(approved.getBoolean("policyEnforced"));
        assertEquals("allow", approved.getString("effect"));
        assertEquals("approved", approved.getString("status"));
        Flows.Issued issued = Flows.exchange(live, agent, approved.getString("code"));
        assertTrue(Flows.valid(live, issued.grantToken()));

        JsonObject wider = authorize("alice", "read", "write").expect(201).json();
        assertEquals("pending", wider.getString("status"));
        assertFalse(wider.containsKey("code"));
        assertFalse(wider.containsKey("policyEnforced"));
    }

    @Test
    void aDenyPolicyIs403OnAnyOverlapAndWinsByPriority() {
        create(live, "{\"name\":\"all reads and writes\",\"effect\":\"allow\",\"scopes\":[\"read\",\"write\",\"payments:initiate\"]}");
        String deny = create(live, "{\"name\":\"no payments\",\"effect\":\"deny\",\"priority\":10,"
                + "\"scopes\":[\"payments:initiate\"]}").getString("id");
        Reply refused = authorize("bob", "read", "payments:initiate");
        assertEquals(403, refused.status());
        assertEquals("POLICY_DENIED", refused.json().getString("code"));
        assertTrue(authorize("bob", "read", "write").expect(201).json().getBoolean("policyEnforced"));
        assertEquals(List.of("no payments", "all reads and writes"), names(live));

        live.api().patch("/v1/policies/" + deny, "{\"priority\":-1}").expect(200);
        assertEquals(List.of("all reads and writes", "no payments"), names(live));
        assertEquals("approved", authorize("bob", "read", "payments:initiate").expect(201).json().getString("status"));
    }

    @Test
    void everyDecisionLandsInTheAuditTrailWithThePolicyThatMadeIt() {
        String allow = create(live, "{\"name\":\"reads\",\"effect\":\"allow\",\"scopes\":[\"read\"]}").getString("id");
        String deny = create(live, "{\"name\":\"no writes\",\"effect\":\"deny\",\"priority\":5,\"scopes\":[\"write\"]}")
                .getString("id");
        String requestId = authorize("gina", "read").expect(201).json().getString("authRequestId");
        assertEquals(403, authorize("gina", "read", "write").status());
        authorize("gina", "payments:initiate").expect(201); // no policy decides: nothing recorded

        List<JsonObject> entries = live.api().get("/v1/audit/entries").expect(200).json().getJsonArray("entries")
                .getValuesAs(JsonObject.class);
        assertEquals(List.of("policy.allow", "policy.deny"), entries.stream().map(e -> e.getString("action")).toList());
        JsonObject allowed = entries.get(0);
        assertEquals("success", allowed.getString("status"));
        assertEquals(agent, allowed.getString("agentId"));
        assertEquals("gina", allowed.getString("principalId"));
        assertEquals(allow, allowed.getJsonObject("metadata").getString("decidedBy"));
        assertEquals(requestId, allowed.getJsonObject("metadata").getString("authRequestId"));
        JsonObject denied = entries.get(1);
        assertEquals("blocked", denied.getString("status"));
        assertEquals(deny, denied.getJsonObject("metadata").getString("decidedBy"));
        assertEquals(List.of("read", "write"), denied.getJsonObject("metadata").getJsonArray("scopes")
                .getValuesAs(JsonString::getString));
        assertTrue(live.api().get("/v1/audit/verify").expect(200).json().getBoolean("valid"));
    }

    @Test
    void agentAndPrincipalConditionsAndTheirClearing() {
        String id = create(live, "{\"name\":\"carol only\",\"effect\":\"deny\",\"principalId\":\"carol\",\"agentId\":\""
                + agent + "\"}").getString("id");
        assertEquals(403, authorize("carol", "read").status());
        assertEquals("pending", authorize("dave", "read").expect(201).json().getString("status"));
        live.api().patch("/v1/policies/" + id, "{\"principalId\":null}").expect(200);
        assertEquals(403, authorize("dave", "read").status());
        live.api().patch("/v1/policies/" + id, "{\"agentId\":\"ag_someone_else\"}").expect(200);
        assertEquals("pending", authorize("dave", "read").expect(201).json().getString("status"));
    }

    @Test
    void aTimeWindowDecidesOnlyWithinItsHoursInUtc() {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String id = create(live, "{\"name\":\"window\",\"effect\":\"deny\",\"timeOfDayStart\":\"" + hhmm(now.plusHours(2))
                + "\",\"timeOfDayEnd\":\"" + hhmm(now.plusHours(1)) + "\"}").getString("id");
        assertEquals(403, authorize("erin", "read").status(), "now lies within the 23 hours from now+2h to now+1h");
        live.api().patch("/v1/policies/" + id, "{\"timeOfDayStart\":\"" + hhmm(now.plusHours(1))
                + "\",\"timeOfDayEnd\":\"" + hhmm(now.plusHours(2)) + "\"}").expect(200);
        assertEquals("pending", authorize("erin", "read").expect(201).json().getString("status"));
    }

    private static String hhmm(ZonedDateTime time) {
        return String.format("%02d:%02d", time.getHour(), time.getMinute());
    }

    @Test
    void aPolicyInTheSpecificationsFormDecidesAndIsAnsweredInTheContractsForm() {
        int today = ZonedDateTime.now(ZoneOffset.UTC).getDayOfWeek().getValue() % 7;
        JsonObject created = create(live, "{\"name\":\"spec\",\"effect\":\"auto_deny\",\"conditions\":{"
                + "\"scopes\":[\"write\"],\"timeWindow\":{\"startHour\":0,\"endHour\":24,\"days\":[" + today + "]}}}");
        assertEquals("deny", created.getString("effect"));
        assertEquals(List.of("write"), created.getJsonArray("scopes").getValuesAs(JsonString::getString));
        assertEquals(JsonValue.NULL, created.get("timeOfDayStart"));
        assertEquals(List.of(today), created.getJsonArray("days").getValuesAs(JsonNumber::intValue));
        assertFalse(created.containsKey("conditions"));
        assertEquals("POLICY_DENIED", authorize("hank", "read", "write").json().getString("code"));

        JsonObject tomorrow = live.api().patch("/v1/policies/" + created.getString("id"), "{\"conditions\":{\"scopes\":[\"write\"],"
                + "\"timeWindow\":{\"startHour\":0,\"endHour\":24,\"days\":[" + (today + 1) % 7 + "]}}}").expect(200).json();
        assertEquals(List.of((today + 1) % 7), tomorrow.getJsonArray("days").getValuesAs(JsonNumber::intValue));
        assertEquals("pending", authorize("hank", "read", "write").expect(201).json().getString("status"));
    }

    @Test
    void badInputIs400AndChangesNothing() {
        for (String body : List.of("", "[]", "{\"name\":\"n\"}", "{\"effect\":\"allow\"}", "{\"name\":\"n\",\"effect\":\"permit\"}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"scopes\":[]}", "{\"name\":\"n\",\"effect\":\"allow\",\"priority\":\"1\"}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"timeOfDayStart\":\"25:00\",\"timeOfDayEnd\":\"01:00\"}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"timeOfDayEnd\":\"01:00\"}")) {
            Reply reply = live.api().post("/v1/policies", body);
            assertEquals(400, reply.status(), body);
            assertEquals("BAD_REQUEST", reply.json().getString("code"), body);
        }
        assertEquals("name and effect (allow|deny) are required",
                live.api().post("/v1/policies", "{\"name\":\"n\"}").json().getString("message"));
        String id = create(live, "{\"name\":\"kept\",\"effect\":\"allow\"}").getString("id");
        for (String body : List.of("{\"effect\":\"maybe\"}", "{\"name\":\"\"}", "{\"timeOfDayStart\":\"09:00\"}",
                "{\"scopes\":[\"a\\\"b\"]}", "{\"priority\":2147483648}")) {
            assertEquals(400, live.api().patch("/v1/policies/" + id, body).status(), body);
        }
        JsonObject kept = live.api().get("/v1/policies/" + id).expect(200).json();
        assertEquals("allow", kept.getString("effect"));
        assertEquals(List.of("kept"), names(live));
    }

    @Test
    void anotherDevelopersPoliciesAreInvisibleAndDecideNothingHere() {
        TestDeveloper other = TestDeveloper.create("enterprise", "live");
        String id = create(other, "{\"name\":\"theirs\",\"effect\":\"deny\"}").getString("id");
        live.api().get("/v1/policies/" + id).expect(404);
        live.api().patch("/v1/policies/" + id, "{\"effect\":\"allow\"}").expect(404);
        live.api().delete("/v1/policies/" + id).expect(404);
        assertEquals(List.of(), names(live));
        assertEquals("pending", authorize("frank", "read").expect(201).json().getString("status"));
        assertEquals("deny", other.api().get("/v1/policies/" + id).expect(200).json().getString("effect"));
    }

    @Test
    void theFreePlanAllowsItsQuotaThen402() {
        TestDeveloper free = TestDeveloper.create("free", "live");
        for (int i = 0; i < 3; i++) { // GRANTEX_PLANS_FREE_POLICIES=3 on the test server
            create(free, "{\"name\":\"p" + i + "\",\"effect\":\"allow\"}");
        }
        Reply refused = free.api().post("/v1/policies", "{\"name\":\"p4\",\"effect\":\"allow\"}");
        assertEquals(402, refused.status());
        assertEquals("PLAN_LIMIT_EXCEEDED", refused.json().getString("code"));
    }
}
