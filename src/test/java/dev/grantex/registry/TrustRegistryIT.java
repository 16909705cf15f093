package dev.grantex.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.DnsServer;
import dev.grantex.it.Flows;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Test;

/** The trust registry (contract §7.8), verified against a real DNS server (dnsmasq) on 127.0.0.1. */
class TrustRegistryIT {
    private final TestDeveloper developer = TestDeveloper.create("enterprise");
    private final String domain = "org-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
    private final String did = "did:web:" + domain;

    private static JsonObject jwk(EllipticCurveJsonWebKey key, JsonWebKey.OutputControlLevel level) {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        key.toParams(level).forEach((name, value) -> builder.add(name, value.toString()));
        return builder.build();
    }

    private Reply register(TestDeveloper owner, JsonObjectBuilder body) {
        return owner.api().post("/v1/registry/orgs", body.build().toString());
    }

    private JsonObjectBuilder org() {
        return Json.createObjectBuilder().add("name", "Example Org").add("domain", domain)
                .add("description", "Agents for example.org").add("website", "https://" + domain);
    }

    private static void assertError(Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(code, reply.json().getString("code"), reply.body());
    }

    @Test
    void aRegisteredOrganisationIsVerifiedByItsTxtRecordAndPublished() throws Exception {
        String agentId = Flows.createAgent(developer, List.of("calendar:read"));
        Flows.grant(developer, agentId, List.of("calendar:read"));
        EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        key.setKeyId("org-key-1");
        JsonObject registered = register(developer, org().add("agentIds", Json.createArrayBuilder().add(agentId))
                .add("publicKeys", Json.createObjectBuilder().add("keys", Json.createArrayBuilder()
                        .add(jwk(key, JsonWebKey.OutputControlLevel.PUBLIC_ONLY))))).expect(201).json();
        assertEquals(did, registered.getString("organizationDID"));
        assertEquals("pending", registered.getString("verificationMethod"));
        assertEquals("basic", registered.getString("trustLevel"));
        String token = registered.getString("verificationToken");
        assertEquals("Add a DNS TXT record: _grantex-verify." + domain + " = grantex-verify=" + token,
                registered.getString("instructions"));
        String id = registered.getString("id");

        JsonObject pending = Api.anonymous().get("/v1/trust-registry/" + did).expect(200).json();
        assertEquals(JsonObject.NULL, pending.get("verifiedAt"));
        assertFalse(Api.anonymous().get("/v1/registry/orgs").expect(200).json().toString().contains(did),
                "the directory lists verified organisations only");

        assertError(developer.api().post("/v1/registry/orgs/" + id + "/verify-dns", null), 400, "DNS_VERIFICATION_FAILED");
        try (DnsServer dns = DnsServer.serving(Map.of("_grantex-verify." + domain, "grantex-verify=wrong"))) {
            assertError(developer.api().post("/v1/registry/orgs/" + id + "/verify-dns", null), 400, "DNS_VERIFICATION_FAILED");
        }
        try (DnsServer dns = DnsServer.serving(Map.of("_grantex-verify." + domain, "grantex-verify=" + token))) {
            JsonObject verified = developer.api().post("/v1/registry/orgs/" + id + "/verify-dns", null).expect(200).json();
            assertTrue(verified.getBoolean("verified"));
            assertEquals("dns-txt", verified.getString("verificationMethod"));
            assertEquals("verified", verified.getString("trustLevel"));
            assertEquals(domain, verified.getString("domain"));
        }

        JsonObject record = Api.anonymous().get("/v1/trust-registry/" + did).expect(200).json();
        assertEquals("verified", record.getString("trustLevel"));
        assertEquals(List.of(domain), record.getJsonArray("domains").getValuesAs(v -> ((jakarta.json.JsonString) v).getString()));
        assertEquals("Example Org", record.getString("name"));
        assertEquals("dns-verified", record.getJsonArray("badges").getString(0));
        assertEquals(1, record.getJsonObject("stats").getInt("totalAgents"));
        assertEquals(1, record.getJsonObject("stats").getInt("weeklyActiveGrants"));
        assertEquals(JsonObject.NULL, record.getJsonObject("stats").get("averageRating"));
        assertEquals("did:grantex:" + agentId, record.getJsonArray("agents").getJsonObject(0).getString("agentDid"));
        assertEquals(record, Api.anonymous().get("/v1/registry/orgs/" + did).expect(200).json());
        assertTrue(Api.anonymous().get("/v1/registry/orgs").expect(200).json().getJsonArray("organizations")
                .getValuesAs(JsonObject.class).stream().anyMatch(o -> o.getString("organizationDID").equals(did)));
        JsonObject jwks = Api.anonymous().get("/v1/registry/orgs/" + did + "/jwks").expect(200).json();
        JsonObject published = jwks.getJsonArray("keys").getJsonObject(0);
        assertEquals("org-key-1", published.getString("kid"));
        assertFalse(published.containsKey("d"));
        assertEquals(1, developer.api().get("/v1/trust-registry").expect(200).json().getJsonArray("records").size());
    }

    @Test
    void verifyDnsRegistersTheDomainForTheFirstDeveloperOnly() {
        assertError(developer.api().post("/v1/trust-registry/verify-dns", "{\"domain\":\"" + domain + "\"}"), 400,
                "DNS_VERIFICATION_FAILED");
        assertEquals(404, Api.anonymous().get("/v1/trust-registry/" + did).status(), "a failed check registers nothing");
        try (DnsServer dns = DnsServer.serving(Map.of("_grantex-verify." + domain, "grantex-verify=" + did))) {
            JsonObject verified = developer.api().post("/v1/trust-registry/verify-dns", "{\"domain\":\"" + domain + "\"}")
                    .expect(200).json();
            assertEquals(did, verified.getString("organizationDID"));
            assertTrue(verified.getString("verifiedAt").endsWith("Z"));
            TestDeveloper other = TestDeveloper.create("enterprise");
            assertError(other.api().post("/v1/trust-registry/verify-dns", "{\"domain\":\"" + domain + "\"}"), 409, "CONFLICT");
            assertError(register(other, org()), 409, "CONFLICT");
        }
        assertEquals("verified", Api.anonymous().get("/v1/trust-registry/" + did).expect(200).json().getString("trustLevel"));
    }

    /** A claim nobody proved does not keep the domain's owner out, and a verifier gets no keys from it. */
    @Test
    void aPendingClaimGivesWayToTheDeveloperWhoProvesTheDomain() throws Exception {
        TestDeveloper squatter = TestDeveloper.create("enterprise");
        EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        register(squatter, org().add("publicKeys", Json.createObjectBuilder().add("keys", Json.createArrayBuilder()
                .add(jwk(key, JsonWebKey.OutputControlLevel.PUBLIC_ONLY))))).expect(201);
        assertEquals(404, Api.anonymous().get("/v1/registry/orgs/" + did + "/jwks").status(), "no keys of a pending claim");
        assertError(developer.api().post("/v1/trust-registry/verify-dns", "{\"domain\":\"" + domain + "\"}"), 400,
                "DNS_VERIFICATION_FAILED");
        assertEquals(1, squatter.api().get("/v1/trust-registry").expect(200).json().getJsonArray("records").size(),
                "a failed check takes nothing away");
        try (DnsServer dns = DnsServer.serving(Map.of("_grantex-verify." + domain, "grantex-verify=" + did))) {
            developer.api().post("/v1/trust-registry/verify-dns", "{\"domain\":\"" + domain + "\"}").expect(200);
            assertError(squatter.api().post("/v1/trust-registry/verify-dns", "{\"domain\":\"" + domain + "\"}"), 409, "CONFLICT");
        }
        assertEquals(0, squatter.api().get("/v1/trust-registry").expect(200).json().getJsonArray("records").size());
        JsonObject record = developer.api().get("/v1/trust-registry").expect(200).json().getJsonArray("records").getJsonObject(0);
        assertEquals(did, record.getString("organizationDID"));
        assertEquals("verified", record.getString("trustLevel"));
        assertEquals(0, Api.anonymous().get("/v1/registry/orgs/" + did + "/jwks").expect(200).json().getJsonArray("keys").size(),
                "the claimant's keys went with the claim");
    }

    /** The contract's hard limit on the caller's records. */
    @Test
    void theCallersRecordsAreListedAtMostAHundred() {
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            registered.add(register(developer, org().add("domain", i + "-" + domain)).expect(201).json().getString("id"));
        }
        List<String> listed = developer.api().get("/v1/trust-registry").expect(200).json().getJsonArray("records")
                .getValuesAs(JsonObject.class).stream().map(r -> r.getString("id")).toList();
        assertEquals(100, listed.size());
        assertTrue(registered.containsAll(listed));
    }

    @Test
    void badInputIsRefused() throws Exception {
        TestDeveloper other = TestDeveloper.create("enterprise");
        String foreignAgent = Flows.createAgent(other, List.of("calendar:read"));
        assertError(register(developer, org().add("agentIds", Json.createArrayBuilder().add(foreignAgent))), 400, "BAD_REQUEST");
        EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        assertError(register(developer, org().add("publicKeys", Json.createObjectBuilder().add("keys",
                Json.createArrayBuilder().add(jwk(key, JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE))))), 400, "BAD_REQUEST");
        assertError(register(developer, org().add("publicKeys", Json.createObjectBuilder().add("keys", "x"))), 400, "BAD_REQUEST");
        assertError(register(developer, org().add("website", "ftp://example.org")), 400, "BAD_REQUEST");
        assertError(register(developer, org().add("domain", "10.1.2.3")), 400, "BAD_REQUEST");
        assertError(register(developer, Json.createObjectBuilder().add("domain", domain)), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/trust-registry/verify-dns", "{\"domain\":\"not a domain\"}"), 400, "BAD_REQUEST");
        assertEquals(404, Api.anonymous().get("/v1/trust-registry/" + did).status());
        assertEquals(404, Api.anonymous().get("/v1/registry/orgs/" + did + "/jwks").status());
        assertEquals(404, Api.anonymous().get("/v1/registry/orgs/" + did).status());

        String id = register(developer, org()).expect(201).json().getString("id");
        assertEquals(404, other.api().post("/v1/registry/orgs/" + id + "/verify-dns", null).status());
        assertEquals(0, other.api().get("/v1/trust-registry").expect(200).json().getJsonArray("records").size());
    }
}
