package dev.grantex.domains;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.DnsServer;
import dev.grantex.it.Flows;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Custom domains (contract §7.9), verified against a real DNS server (dnsmasq) on 127.0.0.1. */
class DomainsIT {
    private final TestDeveloper developer = TestDeveloper.create("enterprise");
    private final String domain = "auth-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";

    private Reply add(TestDeveloper owner, String name) {
        return owner.api().post("/v1/domains", Json.createObjectBuilder().add("domain", name).build().toString());
    }

    private static void assertError(Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(code, reply.json().getString("code"), reply.body());
    }

    private String consentUrl() {
        String agentId = Flows.createAgent(developer, List.of("calendar:read"));
        return developer.api().post("/v1/authorize", Flows.authorizeBody(agentId, Flows.principal(), List.of("calendar:read"))
                .build().toString()).expect(201).json().getString("consentUrl");
    }

    @Test
    void aDomainProvenByItsTxtRecordCarriesTheConsentLinks() {
        String before = consentUrl();
        JsonObject added = add(developer, domain.toUpperCase()).expect(201).json();
        String id = added.getString("id");
        String token = added.getString("verificationToken");
        assertEquals(domain, added.getString("domain"));
        assertFalse(added.getBoolean("verified"));
        assertTrue(token.matches("grantex-verify-[0-9a-f-]{36}"), token);
        assertEquals("Add a DNS TXT record: _grantex." + domain + " = " + token, added.getString("instructions"));

        try (DnsServer dns = DnsServer.serving(Map.of("_grantex." + domain, "grantex-verify-someone-else"))) {
            assertError(developer.api().post("/v1/domains/" + id + "/verify", null), 400, "VERIFICATION_FAILED");
        }
        try (DnsServer dns = DnsServer.serving(Map.of("_grantex.other.example.com", token))) {
            assertError(developer.api().post("/v1/domains/" + id + "/verify", null), 400, "VERIFICATION_FAILED");
        }
        assertFalse(developer.api().get("/v1/domains").expect(200).json().getJsonArray("domains").getJsonObject(0)
                .getBoolean("verified"));
        assertFalse(consentUrl().startsWith("https://" + domain));

        try (DnsServer dns = DnsServer.serving(Map.of("_grantex." + domain, token))) {
            JsonObject verified = developer.api().post("/v1/domains/" + id + "/verify", null).expect(200).json();
            assertTrue(verified.getBoolean("verified"));
        }
        JsonObject listed = developer.api().get("/v1/domains").expect(200).json().getJsonArray("domains").getJsonObject(0);
        assertTrue(listed.getBoolean("verified"));
        assertTrue(listed.getString("verifiedAt").endsWith("Z"));
        String after = consentUrl();
        assertTrue(after.startsWith("https://" + domain + "/consent?req="), after);
        assertEquals(before.substring(before.indexOf("/consent?req=")).length(), after.substring(after.indexOf("/consent?req=")).length());

        developer.api().delete("/v1/domains/" + id).expect(204);
        assertFalse(consentUrl().startsWith("https://" + domain), "consent links return to the server's URL");
        assertEquals(0, developer.api().get("/v1/domains").expect(200).json().getJsonArray("domains").size());
    }

    @Test
    void anUnreachableResolverFailsVerificationWithoutChangingAnything() {
        String id = add(developer, domain).expect(201).json().getString("id");
        Reply failed = developer.api().post("/v1/domains/" + id + "/verify", null);
        assertError(failed, 400, "VERIFICATION_FAILED");
        assertFalse(developer.api().get("/v1/domains").expect(200).json().getJsonArray("domains").getJsonObject(0)
                .getBoolean("verified"));
    }

    /** A name server that never answers holds a request thread per look-up: at most two look-ups run at once. */
    @Test
    void aResolverThatNeverAnswersHoldsAtMostTwoLookUpsAtOnce() throws Exception {
        String id = add(developer, domain).expect(201).json().getString("id");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), DnsServer.PORT))) {
            List<Future<Reply>> verifications = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                verifications.add(pool.submit(() -> developer.api().post("/v1/domains/" + id + "/verify", null)));
            }
            List<String> answers = new ArrayList<>();
            for (Future<Reply> verification : verifications) {
                Reply reply = verification.get();
                answers.add(reply.status() + " " + reply.json().getString("code"));
            }
            Collections.sort(answers);
            assertEquals(List.of("400 VERIFICATION_FAILED", "400 VERIFICATION_FAILED", "503 SERVICE_UNAVAILABLE",
                    "503 SERVICE_UNAVAILABLE"), answers);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void addingChecksTheNameThePlanAndUniqueness() {
        for (String bad : List.of("localhost", "10.0.0.1", "bad_name.example.com", "a..example.com", "-a.example.com",
                "example.123", "x".repeat(64) + ".example.com", "")) {
            assertError(add(developer, bad), 400, "BAD_REQUEST");
        }
        assertError(developer.api().post("/v1/domains", "{}"), 400, "BAD_REQUEST");
        Reply free = add(TestDeveloper.create("free"), domain);
        assertError(free, 402, "PLAN_LIMIT_EXCEEDED");
        assertTrue(free.json().getString("message").contains("Upgrade"));
        add(developer, domain).expect(201);
        assertError(add(developer, domain), 409, "CONFLICT");
        assertError(add(TestDeveloper.create("enterprise"), domain), 409, "CONFLICT");
    }

    @Test
    void anotherDevelopersDomainsAreNotFound() {
        String id = add(developer, domain).expect(201).json().getString("id");
        TestDeveloper other = TestDeveloper.create("enterprise");
        assertEquals(404, other.api().post("/v1/domains/" + id + "/verify", null).status());
        assertEquals(404, other.api().delete("/v1/domains/" + id).status());
        assertEquals(0, other.api().get("/v1/domains").expect(200).json().getJsonArray("domains").size());
        assertEquals(1, developer.api().get("/v1/domains").expect(200).json().getJsonArray("domains").size());
    }
}
