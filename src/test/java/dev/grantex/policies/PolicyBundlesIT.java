package dev.grantex.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Flows;
import dev.grantex.it.ItServer;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import dev.grantex.platform.crypto.Hashes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Policy bundles (contract §7.3) and the Cedar backend the test server runs
 * ({@code GRANTEX_POLICY_BACKEND=cedar}): the developer's active Cedar bundle decides authorize and
 * delegation in-process.
 */
class PolicyBundlesIT {
    private final TestDeveloper live = TestDeveloper.create("enterprise", "live");
    private final String trusted = Flows.createAgent(live, List.of("read", "write"));
    private final String banned = Flows.createAgent(live, List.of("read", "write"));
    private final String other = Flows.createAgent(live, List.of("read", "write"));

    private String cedar() {
        return "@id(\"trusted reads\")\n"
                + "permit(principal == Grantex::Agent::\"" + trusted + "\", action == Grantex::Action::\"authorize\", resource)\n"
                + "  when { context.scopes.containsAll([\"read\"]) && [\"read\"].containsAll(context.scopes) };\n"
                + "@id(\"banned agent\")\n"
                + "forbid(principal == Grantex::Agent::\"" + banned + "\", action, resource);\n"
                + "@id(\"no writes for mallory\")\n"
                + "forbid(principal, action, resource) when { context.principalId == \"mallory\" && context.scopes.contains(\"write\") };\n";
    }

    private static String sync(String format, String version, String content) {
        return Json.createObjectBuilder().add("format", format).add("version", version)
                .add("content", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8))).build().toString();
    }

    private Reply authorize(String agent, String principal, String... scopes) {
        return live.api().post("/v1/authorize", Flows.authorizeBody(agent, principal, List.of(scopes)).build().toString());
    }

    private List<JsonObject> auditEntries() {
        return live.api().get("/v1/audit/entries").expect(200).json().getJsonArray("entries").getValuesAs(JsonObject.class);
    }

    @Test
    void anActiveCedarBundleDecidesAuthorizeAndEveryDecisionIsAudited() {
        JsonObject synced = live.api().post("/v1/policies/sync", sync("cedar", "v1", cedar())).expect(201).json();
        String bundleId = synced.getString("bundleId");
        assertTrue(bundleId.matches("pbnd_[0-9A-Z]{26}"), bundleId);
        assertEquals("cedar", synced.getString("format"));
        assertEquals("v1", synced.getString("version"));
        assertEquals(HexFormat.of().formatHex(Hashes.sha256(cedar().getBytes(StandardCharsets.UTF_8))), synced.getString("sha256"));
        assertEquals(1, synced.getInt("fileCount"));
        assertTrue(synced.getBoolean("activated"));

        JsonObject approved = authorize(trusted, "alice", "read").expect(201).json();
        assertEquals("approved", approved.getString("status"));
        assertTrue(approved.getBoolean("policyEnforced"));
        assertTrue(Flows.valid(live, Flows.exchange(live, trusted, approved.getString("code")).grantToken()));

        Reply denied = authorize(banned, "alice", "read");
        assertEquals(403, denied.status());
        assertEquals("POLICY_DENIED", denied.json().getString("code"));
        assertEquals(403, authorize(trusted, "mallory", "read", "write").status());

        // No policy applies (Cedar's default deny): the principal is asked, as without policies.
        JsonObject asked = authorize(other, "alice", "read").expect(201).json();
        assertEquals("pending", asked.getString("status"));
        assertFalse(asked.containsKey("code"));
        assertEquals("pending", authorize(trusted, "alice", "read", "write").expect(201).json().getString("status"));

        List<JsonObject> entries = auditEntries();
        assertEquals(List.of("policy.allow", "policy.deny", "policy.deny"), entries.stream().map(e -> e.getString("action")).toList());
        JsonObject allow = entries.get(0).getJsonObject("metadata");
        assertEquals("cedar", allow.getString("engine"));
        assertEquals(bundleId + "@v1", allow.getString("decidedBy"));
        assertEquals("trusted reads", allow.getString("reason"));
        assertEquals("authorize", allow.getString("on"));
        assertEquals(approved.getString("authRequestId"), allow.getString("authRequestId"));
        assertEquals("banned agent", entries.get(1).getJsonObject("metadata").getString("reason"));
        assertEquals("no writes for mallory", entries.get(2).getJsonObject("metadata").getString("reason"));
        assertEquals("mallory", entries.get(2).getString("principalId"));
    }

    /** The audit entry names the deciding policies by their @id, cut to 1,000 characters: an entry's metadata is bounded. */
    @Test
    void aDecidingPolicysLongIdIsShortenedInItsAuditEntry() {
        String label = "long ".repeat(8000);
        live.api().post("/v1/policies/sync", sync("cedar", "v1", "@id(\"" + label + "\")\npermit(principal == Grantex::Agent::\""
                + trusted + "\", action, resource);\n")).expect(201);
        assertEquals("approved", authorize(trusted, "alice", "read").expect(201).json().getString("status"));
        String reason = auditEntries().get(0).getJsonObject("metadata").getString("reason");
        assertEquals(1000, reason.length());
        assertEquals(label.substring(0, 999) + "…", reason);
    }

    /**
     * cedar-java's native parser recursed through a request thread's stack and killed the server at 70
     * nested parentheses: deeper bundles are 400, and what is accepted is parsed and decided on stacks
     * that hold it.
     */
    @Test
    void bundlesNestedBeyondWhatCedarTakesAre400AndTheServerStaysUp() {
        int levels = CedarTextBounds.MAX_NESTING - 1;
        String deepest = "(".repeat(levels) + "context.principalId" + ")".repeat(levels);
        live.api().post("/v1/policies/sync", sync("cedar", "v1", "permit(principal == Grantex::Agent::\"" + trusted
                + "\", action, resource) when { " + deepest + " == \"alice\" };\n")).expect(201);
        assertEquals("approved", authorize(trusted, "alice", "read").expect(201).json().getString("status"));
        assertEquals("pending", authorize(trusted, "bob", "read").expect(201).json().getString("status"));
        for (String expression : List.of("(".repeat(100) + "1" + ")".repeat(100) + " == 1",
                "1" + " + 1".repeat(3000) + " > 0", "1" + " + 1".repeat(20_000) + " > 0")) {
            Reply refused = live.api().post("/v1/policies/sync", sync("cedar", "v2",
                    "forbid(principal, action, resource) when { " + expression + " };\n"));
            assertEquals(400, refused.status(), refused.body());
            assertTrue(refused.json().getString("message").startsWith("The Cedar policies "), refused.body());
        }
        assertEquals("approved", authorize(trusted, "alice", "read").expect(201).json().getString("status"),
                "the server is up and the active bundle stays");
    }

    @Test
    void aBundleThatDoesNotParseIs400WithTheParsersMessageAndTheActiveOneStays() {
        live.api().post("/v1/policies/sync", sync("cedar", "v1", cedar())).expect(201);
        Reply refused = live.api().post("/v1/policies/sync", sync("cedar", "v2", "permit(principal, action resource);"));
        assertEquals(400, refused.status());
        String message = refused.json().getString("message");
        assertTrue(message.startsWith("The Cedar policies do not parse: ") && message.contains("resource"), message);
        assertEquals("v1", live.api().get("/v1/policies/bundles/active?format=cedar").expect(200).json().getString("version"));
        assertEquals(1, live.api().get("/v1/policies/bundles").expect(200).json().getJsonArray("bundles").size());
        assertEquals(403, authorize(banned, "alice", "read").status());
    }

    @Test
    void versionsAreListedActivatedAndRolledBack() {
        String first = live.api().post("/v1/policies/sync", sync("cedar", "v1", cedar())).expect(201).json().getString("bundleId");
        String permissive = "permit(principal, action == Grantex::Action::\"authorize\", resource);";
        JsonObject second = live.api().post("/v1/policies/sync", sync("cedar", "v2", permissive)).expect(201).json();
        assertEquals("approved", authorize(banned, "bob", "read").expect(201).json().getString("status"));

        JsonObject staged = live.api().post("/v1/policies/sync", Json.createObjectBuilder().add("format", "cedar")
                .add("version", "v3").add("content", Base64.getEncoder().encodeToString("forbid(principal, action, resource);".getBytes(StandardCharsets.UTF_8)))
                .add("fileCount", 3).add("activate", false).build().toString()).expect(201).json();
        assertFalse(staged.getBoolean("activated"));
        assertEquals(3, staged.getInt("fileCount"));
        assertEquals(second.getString("bundleId"), live.api().get("/v1/policies/bundles/active?format=cedar").expect(200).json().getString("id"));

        List<JsonObject> bundles = live.api().get("/v1/policies/bundles?format=cedar").expect(200).json()
                .getJsonArray("bundles").getValuesAs(JsonObject.class);
        assertEquals(List.of("v3", "v2", "v1"), bundles.stream().map(b -> b.getString("version")).toList());
        assertEquals(List.of(false, true, false), bundles.stream().map(b -> b.getBoolean("active")).toList());
        assertEquals(live.developerId(), bundles.get(0).getString("developerId"));
        assertFalse(bundles.get(0).containsKey("content"));

        JsonObject rolledBack = live.api().post("/v1/policies/bundles/" + first + "/activate", null).expect(200).json();
        assertTrue(rolledBack.getBoolean("active"));
        assertEquals(403, authorize(banned, "bob", "read").status());
        assertEquals("v1", live.api().get("/v1/policies/bundles/active?format=cedar").expect(200).json().getString("version"));

        JsonObject rego = live.api().post("/v1/policies/sync", sync("rego", "r1", "package grantex.authz\ndefault allow := false\n"))
                .expect(201).json();
        assertTrue(rego.getBoolean("activated"));
        assertEquals(1, live.api().get("/v1/policies/bundles?format=rego").expect(200).json().getJsonArray("bundles").size());
        assertEquals(4, live.api().get("/v1/policies/bundles").expect(200).json().getJsonArray("bundles").size());
        assertEquals("v1", live.api().get("/v1/policies/bundles/active?format=cedar").expect(200).json().getString("version"));
        assertEquals(403, authorize(banned, "bob", "read").status());

        live.api().delete("/v1/policies/bundles/active?format=cedar").expect(204);
        assertEquals("pending", authorize(banned, "bob", "read").expect(201).json().getString("status"));
        assertEquals(404, live.api().get("/v1/policies/bundles/active?format=cedar").status());
        assertEquals(404, live.api().delete("/v1/policies/bundles/active?format=cedar").status());
        assertEquals(400, live.api().delete("/v1/policies/bundles/active").status());
        assertEquals("r1", live.api().get("/v1/policies/bundles/active?format=rego").expect(200).json().getString("version"));
    }

    @Test
    void aForbidOnDelegationIs403AndAudited() {
        String subAgent = Flows.createAgent(live, List.of("read", "write"));
        String parentToken = Flows.grantFor(live, other, "carol", List.of("read", "write")).grantToken();
        live.api().post("/v1/policies/sync", sync("cedar", "d1", "@id(\"no writes below\")\n"
                + "forbid(principal == Grantex::Agent::\"" + subAgent + "\", action == Grantex::Action::\"delegate\", resource)"
                + " when { context.scopes.contains(\"write\") && context.delegationDepth >= 1 };")).expect(201);

        Flows.delegate(live, parentToken, subAgent, List.of("read"));
        Reply refused = live.api().post("/v1/grants/delegate", Json.createObjectBuilder().add("parentGrantToken", parentToken)
                .add("subAgentId", subAgent).add("scopes", Json.createArrayBuilder().add("write")).build().toString());
        assertEquals(403, refused.status());
        assertEquals("POLICY_DENIED", refused.json().getString("code"));
        assertEquals("A policy denies this delegation", refused.json().getString("message"));

        JsonObject entry = auditEntries().stream().filter(e -> e.getString("action").equals("policy.deny")).findFirst().orElseThrow();
        assertEquals(subAgent, entry.getString("agentId"));
        assertEquals("carol", entry.getString("principalId"));
        assertEquals("delegate", entry.getJsonObject("metadata").getString("on"));
        assertEquals("no writes below", entry.getJsonObject("metadata").getString("reason"));
        assertEquals(Flows.claims(parentToken).getString("grnt"), entry.getJsonObject("metadata").getString("parentGrantId"));
    }

    @Test
    void aBuiltInDenyHoldsAtDelegationTooForDevelopersWithoutABundle() {
        String subAgent = Flows.createAgent(live, List.of("read", "write"));
        String parentToken = Flows.grantFor(live, other, "dave", List.of("read", "write")).grantToken();
        String policy = live.api().post("/v1/policies", "{\"name\":\"sub-agent never writes\",\"effect\":\"deny\","
                + "\"agentId\":\"" + subAgent + "\",\"scopes\":[\"write\"]}").expect(201).json().getString("id");
        Reply refused = live.api().post("/v1/grants/delegate", Json.createObjectBuilder().add("parentGrantToken", parentToken)
                .add("subAgentId", subAgent).add("scopes", Json.createArrayBuilder().add("read").add("write")).build().toString());
        assertEquals(403, refused.status());
        assertEquals("POLICY_DENIED", refused.json().getString("code"));
        Flows.delegate(live, parentToken, subAgent, List.of("read"));
        JsonObject metadata = auditEntries().stream().filter(e -> e.getString("action").equals("policy.deny"))
                .findFirst().orElseThrow().getJsonObject("metadata");
        assertEquals("builtin", metadata.getString("engine"));
        assertEquals(policy, metadata.getString("decidedBy"));
    }

    @Test
    void badInputIs400AndChangesNothing() {
        String content = Base64.getEncoder().encodeToString(cedar().getBytes(StandardCharsets.UTF_8));
        for (String body : List.of("{}", "{\"format\":\"yaml\",\"version\":\"1\",\"content\":\"" + content + "\"}",
                "{\"format\":\"cedar\",\"content\":\"" + content + "\"}",
                "{\"format\":\"cedar\",\"version\":\"\",\"content\":\"" + content + "\"}",
                "{\"format\":\"cedar\",\"version\":\"1\"}",
                "{\"format\":\"cedar\",\"version\":\"1\",\"content\":\"not base64!\"}",
                "{\"format\":\"cedar\",\"version\":\"1\",\"content\":\"" + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, 0x00}) + "\"}",
                "{\"format\":\"cedar\",\"version\":\"1\",\"content\":\"" + content + "\",\"fileCount\":0}",
                "{\"format\":\"cedar\",\"version\":\"1\",\"content\":\"" + content + "\",\"fileCount\":\"two\"}",
                "{\"format\":\"cedar\",\"version\":\"1\",\"content\":\"" + content + "\",\"activate\":\"yes\"}",
                "{\"format\":\"cedar\",\"version\":\"" + "v".repeat(129) + "\",\"content\":\"" + content + "\"}",
                "[1]", "{\"format\":")) {
            Reply reply = live.api().post("/v1/policies/sync", body);
            assertEquals(400, reply.status(), body);
            assertEquals("BAD_REQUEST", reply.json().getString("code"), body);
        }
        assertEquals(400, live.api().get("/v1/policies/bundles?format=yaml").status());
        assertEquals(400, live.api().get("/v1/policies/bundles/active").status());
        assertEquals(404, live.api().get("/v1/policies/bundles/active?format=rego").status());
        assertEquals(0, live.api().get("/v1/policies/bundles").expect(200).json().getJsonArray("bundles").size());

        live.api().post("/v1/policies/sync", sync("cedar", "v1", cedar())).expect(201);
        Reply again = live.api().post("/v1/policies/sync", sync("cedar", "v1", "forbid(principal, action, resource);"));
        assertEquals(409, again.status());
        assertEquals(1, live.api().get("/v1/policies/bundles").expect(200).json().getJsonArray("bundles").size());
        assertEquals(404, live.api().post("/v1/policies/bundles/pbnd_nonexistent/activate", null).status());
    }

    @Test
    void anotherDevelopersBundlesAreInvisibleAndDecideNothingHere() {
        TestDeveloper stranger = TestDeveloper.create("enterprise", "live");
        String theirs = stranger.api().post("/v1/policies/sync", sync("cedar", "v1", "forbid(principal, action, resource);"))
                .expect(201).json().getString("bundleId");
        assertEquals(0, live.api().get("/v1/policies/bundles").expect(200).json().getJsonArray("bundles").size());
        assertEquals(404, live.api().get("/v1/policies/bundles/active?format=cedar").status());
        assertEquals(404, live.api().post("/v1/policies/bundles/" + theirs + "/activate", null).status());
        assertEquals("pending", authorize(banned, "erin", "read").expect(201).json().getString("status"));
    }

    @Test
    void theSyncWebhookNeedsTheHmacOfItsBody() {
        String body = "{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"acme/policies\"}}";
        String signature = "sha256=" + Hashes.hmacSha256Hex(ItServer.env("GRANTEX_POLICY_SYNC_WEBHOOK_SECRET"), body);
        JsonObject ack = Api.send(webhook(body).header("X-Hub-Signature-256", signature)).expect(200).json();
        assertEquals("refs/heads/main", ack.getString("ref"));
        assertEquals("acme/policies", ack.getString("repository"));

        assertEquals(401, Api.send(webhook(body)).status());
        assertEquals(401, Api.send(webhook(body).header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))).status());
        assertEquals(401, Api.send(webhook(body + " ").header("X-Hub-Signature-256", signature)).status());
        String notJson = "not json";
        Reply malformed = Api.send(webhook(notJson).header("X-Hub-Signature-256",
                "sha256=" + Hashes.hmacSha256Hex(ItServer.env("GRANTEX_POLICY_SYNC_WEBHOOK_SECRET"), notJson)));
        assertEquals(400, malformed.status());
    }

    private HttpRequest.Builder webhook(String body) {
        return Api.request("/v1/policies/sync/webhook").header("Authorization", "Bearer " + live.apiKey())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
