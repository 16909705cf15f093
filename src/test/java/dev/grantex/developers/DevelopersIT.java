package dev.grantex.developers;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.ItDatabase;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DevelopersIT {
    private static String uniqueEmail() {
        return "dev-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void signupCreatesALiveDeveloperWithAKeyShownOnce() {
        String email = uniqueEmail();
        JsonObject created = Api.anonymous()
                .post("/v1/signup", "{\"name\":\"  Acme Robotics  \",\"email\":\"" + email.toUpperCase() + "\"}")
                .expect(201).json();
        assertTrue(created.getString("developerId").startsWith("dev_"));
        assertEquals("Acme Robotics", created.getString("name"));
        assertEquals(email, created.getString("email"));
        assertEquals("live", created.getString("mode"));
        String apiKey = created.getString("apiKey");
        assertTrue(apiKey.matches("gx_live_[A-Za-z0-9_-]{43}"), apiKey);
        Instant.parse(created.getString("createdAt"));

        JsonObject me = Api.withKey(apiKey).get("/v1/me").expect(200).json();
        assertEquals(created.getString("developerId"), me.getString("developerId"));
        assertEquals("free", me.getString("plan"));
        assertFalse(me.getBoolean("fidoRequired"));
        assertTrue(me.isNull("fidoRpName"));
        assertFalse(me.containsKey("apiKey"));
    }

    @Test
    void sandboxSignupGetsATestKeyAndNoEmailIsNull() {
        JsonObject created = Api.anonymous().post("/v1/signup", "{\"name\":\"Sandbox Co\",\"mode\":\"sandbox\"}")
                .expect(201).json();
        assertTrue(created.getString("apiKey").startsWith("gx_test_"));
        assertEquals(51, created.getString("apiKey").length());
        assertTrue(created.isNull("email"));
        assertEquals("sandbox", Api.withKey(created.getString("apiKey")).get("/v1/me").expect(200).json().getString("mode"));
    }

    @Test
    void signupRejectsBadInput() {
        assertError(Api.anonymous().post("/v1/signup", "{}"), 400, "BAD_REQUEST");
        assertError(Api.anonymous().post("/v1/signup", "{\"name\":\"   \"}"), 400, "BAD_REQUEST");
        assertError(Api.anonymous().post("/v1/signup", "{\"name\":\"" + "n".repeat(201) + "\"}"), 400, "BAD_REQUEST");
        assertError(Api.anonymous().post("/v1/signup", "{\"name\":\"A\",\"mode\":\"production\"}"), 400, "BAD_REQUEST");
        assertError(Api.anonymous().post("/v1/signup", "{\"name\":\"A\",\"email\":\"not-an-email\"}"), 400, "BAD_REQUEST");
        assertError(Api.anonymous().post("/v1/signup", "{\"name\":[\"A\"]}"), 400, "BAD_REQUEST");
    }

    @Test
    void signupRefusesAnEmailAlreadyUsedInAnyCase() {
        String email = uniqueEmail();
        Api.anonymous().post("/v1/signup", "{\"name\":\"First\",\"email\":\"" + email + "\"}").expect(201);
        assertError(Api.anonymous().post("/v1/signup", "{\"name\":\"Second\",\"email\":\"" + email.toUpperCase() + "\"}"),
                409, "CONFLICT");
    }

    /** Signups racing past the look-up meet at the email's unique index: one account, the others 409. */
    @Test
    void concurrentSignupsWithOneEmailMakeOneAccount() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                String body = "{\"name\":\"Racer\",\"email\":\"" + uniqueEmail() + "\"}";
                List<Future<Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    replies.add(pool.submit(() -> Api.anonymous().post("/v1/signup", body)));
                }
                int created = 0;
                for (Future<Reply> reply : replies) {
                    Reply answer = reply.get(30, TimeUnit.SECONDS);
                    if (answer.status() == 201) {
                        created++;
                    } else {
                        assertError(answer, 409, "CONFLICT");
                        assertTrue(answer.json().getString("message").contains("email"), answer.body());
                    }
                }
                assertEquals(1, created);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void missingOrMalformedAuthorizationIs401() {
        Reply none = Api.anonymous().get("/v1/agents");
        assertEquals("Missing or invalid Authorization header", assertError(none, 401, "UNAUTHORIZED").getString("message"));
        Reply basic = Api.send(Api.request("/v1/agents").header("Authorization", "Basic abc").GET());
        assertError(basic, 401, "UNAUTHORIZED");
        Reply twoTokens = Api.send(Api.request("/v1/agents").header("Authorization", "Bearer a b").GET());
        assertError(twoTokens, 401, "UNAUTHORIZED");
    }

    @Test
    void unknownShortOrLongKeysAre401() {
        assertEquals("Invalid API key",
                assertError(Api.withKey("invalid-api-key-12345").get("/v1/agents"), 401, "UNAUTHORIZED").getString("message"));
        assertError(Api.withKey("short").get("/v1/agents"), 401, "UNAUTHORIZED");
        assertError(Api.withKey("k".repeat(513)).get("/v1/agents"), 401, "UNAUTHORIZED");
        assertError(Api.withKey("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln").get("/v1/me"), 401, "UNAUTHORIZED");
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        Reply reply = Api.send(Api.request("/v1/me").header("Authorization", "bearer \t" + developer.apiKey()).GET());
        assertEquals(200, reply.status(), reply.body());
    }

    @Test
    void patchMeChangesFidoSettings() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        assertTrue(developer.api().patch("/v1/me", "{\"fidoRequired\":true,\"fidoRpName\":\"Acme Login\"}")
                .expect(200).json().getBoolean("updated"));
        JsonObject me = developer.api().get("/v1/me").expect(200).json();
        assertTrue(me.getBoolean("fidoRequired"));
        assertEquals("Acme Login", me.getString("fidoRpName"));

        developer.api().patch("/v1/me", "{\"fidoRequired\":false}").expect(200);
        me = developer.api().get("/v1/me").expect(200).json();
        assertFalse(me.getBoolean("fidoRequired"));
        assertEquals("Acme Login", me.getString("fidoRpName"));
    }

    @Test
    void patchMeRejectsEmptyAndInvalidBodies() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        assertError(developer.api().patch("/v1/me", "{}"), 400, "BAD_REQUEST");
        assertError(developer.api().patch("/v1/me", "{\"unknown\":1}"), 400, "BAD_REQUEST");
        assertError(developer.api().patch("/v1/me", "{\"fidoRpName\":\"\"}"), 400, "BAD_REQUEST");
        assertError(developer.api().patch("/v1/me", "{\"fidoRpName\":\"" + "r".repeat(101) + "\"}"), 400, "BAD_REQUEST");
        assertFalse(developer.api().get("/v1/me").expect(200).json().getBoolean("fidoRequired"));
    }

    @Test
    void rotatingTheKeyKillsTheOldOneAndKeepsTheMode() {
        TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
        JsonObject rotated = developer.api().post("/v1/keys/rotate", null).expect(200).json();
        String newKey = rotated.getString("apiKey");
        assertTrue(newKey.startsWith("gx_test_"));
        assertNotEquals(developer.apiKey(), newKey);
        Instant.parse(rotated.getString("rotatedAt"));
        assertError(developer.api().get("/v1/me"), 401, "UNAUTHORIZED");
        assertEquals(developer.developerId(), Api.withKey(newKey).get("/v1/me").expect(200).json().getString("developerId"));
    }

    @Test
    void aKeyRotatedOnAnotherNodeStopsWorkingWithinSeconds() throws Exception {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        developer.api().get("/v1/me").expect(200);
        String newKey = "gx_live_" + UUID.randomUUID() + UUID.randomUUID();
        // What another node's rotation leaves behind: the new key's hash and the rotation time.
        try (Connection db = ItDatabase.postgres();
             PreparedStatement rotate = db.prepareStatement(
                     "UPDATE developers SET api_key_hash = ?, key_rotated_at = ? WHERE id = ?")) {
            rotate.setString(1, ApiKeys.hash(newKey));
            rotate.setLong(2, System.currentTimeMillis());
            rotate.setString(3, developer.developerId());
            assertEquals(1, rotate.executeUpdate());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (developer.api().get("/v1/me").status() != 401) {
            assertTrue(System.nanoTime() < deadline, "the old key still works 5 s after the rotation");
            Thread.sleep(100);
        }
        assertEquals(developer.developerId(), Api.withKey(newKey).get("/v1/me").expect(200).json().getString("developerId"));
    }

    @Test
    void adminRoutesNeedTheAdminKey() {
        assertError(Api.anonymous().get("/v1/admin/developers"), 401, "UNAUTHORIZED");
        assertError(Api.withKey("wrong-admin-key-0123456789").get("/v1/admin/developers"), 401, "UNAUTHORIZED");
        TestDeveloper developer = TestDeveloper.create("free");
        assertError(developer.api().get("/v1/admin/developers"), 401, "UNAUTHORIZED");
        assertError(Api.admin().get("/v1/me"), 401, "UNAUTHORIZED");
    }

    @Test
    void adminCreatesDevelopersWithAPlanAndListsThem() {
        String email = uniqueEmail();
        JsonObject created = Api.admin()
                .post("/v1/admin/developers", "{\"name\":\"Ops team\",\"email\":\"" + email + "\",\"plan\":\"pro\"}")
                .expect(201).json();
        assertEquals("pro", created.getString("plan"));
        assertEquals("pro", Api.withKey(created.getString("apiKey")).get("/v1/me").expect(200).json().getString("plan"));
        String listed = Api.admin().get("/v1/admin/developers").expect(200).body();
        assertTrue(listed.contains(created.getString("developerId")));
        assertFalse(listed.contains("apiKey"), "keys are never listed");
        assertError(Api.admin().post("/v1/admin/developers", "{\"name\":\"X\",\"plan\":\"platinum\"}"), 400, "BAD_REQUEST");
    }

    @Test
    void publicSignupIgnoresExtraFieldsButNotTheirTypes() {
        Reply reply = Api.send(Api.request("/v1/signup").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Extra\",\"company\":{\"size\":5}}")));
        assertEquals(201, reply.status(), reply.body());
    }
}
