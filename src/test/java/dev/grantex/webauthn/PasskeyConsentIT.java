package dev.grantex.webauthn;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.grantex.it.Api;
import dev.grantex.it.Browser;
import dev.grantex.it.Flows;
import dev.grantex.it.ItDatabase;
import dev.grantex.it.ItServer;
import dev.grantex.it.Reply;
import dev.grantex.it.SseClient;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Passkeys end to end in headless Chromium with a virtual authenticator (the W3C WebDriver extension
 * for WebAuthn): a principal's passkey is registered, the consent page asks for it, and only then can
 * the request be allowed. Replayed assertions and assertions made on another origin are refused.
 */
class PasskeyConsentIT {
    @RegisterExtension
    static final Browser browser = new Browser();

    private static final String CREATE = """
            const done = arguments[arguments.length - 1];
            navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(JSON.parse(arguments[0])) })
              .then(c => done(JSON.stringify(c.toJSON())), e => done('failed: ' + e.name + ': ' + e.message));
            """;
    private static final String GET = """
            const done = arguments[arguments.length - 1];
            navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(JSON.parse(arguments[0])) })
              .then(c => done(JSON.stringify(c.toJSON())), e => done('failed: ' + e.name + ': ' + e.message));
            """;

    private final TestDeveloper developer = TestDeveloper.create("enterprise", "live");
    private final String principal = Flows.principal();
    private final String callback = ItServer.baseUrl() + "/test-callback";
    private final String agentId = Flows.createAgent(developer, List.of("calendar:read"));
    private VirtualAuthenticator authenticator;

    @BeforeEach
    void requirePasskeysWithAVirtualAuthenticator() {
        developer.api().patch("/v1/me", "{\"fidoRequired\":true}").expect(200);
        authenticator = ((HasVirtualAuthenticator) browser.driver()).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true));
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    @AfterEach
    void removeAuthenticator() {
        ((HasVirtualAuthenticator) browser.driver()).removeVirtualAuthenticator(authenticator);
    }

    @Test
    void registeredPasskeyLetsThePrincipalConsentInTheBrowser() {
        try (SseClient fido = SseClient.subscribed(developer.apiKey(), "types=fido.registered,fido.assertion")) {
            consentWithAPasskey(fido);
        }
    }

    private void consentWithAPasskey(SseClient fido) {
        JsonObject registered = register("Work laptop");
        JsonObject registeredEvent = fido.nextData("fido.registered");
        assertEquals(registered.getString("id"), registeredEvent.getString("credentialId"));
        assertEquals(principal, registeredEvent.getString("principalId"));
        assertTrue(registered.getString("id").startsWith("cred_"), registered.toString());
        assertEquals(principal, registered.getString("principalId"));
        assertEquals("Work laptop", registered.getString("deviceName"));
        assertFalse(registered.getBoolean("backedUp"), "the virtual authenticator's passkeys are not backed up");
        assertEquals(List.of("internal"), registered.getJsonArray("transports").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());

        JsonObject authorized = authorize("st-passkey");
        String requestId = authorized.getString("authRequestId");
        assertError(Api.anonymous().post("/v1/consent/" + requestId + "/approve", null), 403, "FIDO_REQUIRED");

        browser.driver().get(authorized.getString("consentUrl"));
        String text = browser.driver().findElement(By.tagName("main")).getText();
        assertTrue(text.contains("confirm it is you"), text);
        assertTrue(browser.driver().findElements(By.cssSelector("button[value=approve]")).isEmpty(),
                "Allow is offered before the passkey check");
        browser.screenshot("consent-passkey-step");
        browser.driver().findElement(By.id("passkey")).click();
        browser.waiting().until(d -> !d.findElements(By.cssSelector("button[value=approve]")).isEmpty());
        browser.screenshot("consent-after-passkey");
        JsonObject asserted = fido.nextData("fido.assertion");
        assertEquals(registered.getString("id"), asserted.getString("credentialId"));
        assertEquals(principal, asserted.getString("principalId"));
        assertEquals(requestId, asserted.getString("authRequestId"));
        browser.driver().findElement(By.cssSelector("button[value=approve]")).click();
        browser.waiting().until(d -> d.getCurrentUrl().startsWith(callback));

        String url = browser.driver().getCurrentUrl();
        String code = url.substring(url.indexOf("code=") + 5, url.indexOf('&', url.indexOf("code=")));
        Flows.Issued issued = Flows.exchange(developer, agentId, code);
        assertEquals(principal, issued.claims().getString("sub"));
        JsonObject grant = developer.api().get("/v1/grants/" + issued.grantId()).expect(200).json();
        assertTrue(grant.getBoolean("fidoVerified"), grant.toString());
        assertEquals(registered.getString("id"), grant.getString("fidoCredentialId"), "the passkey that verified consent");
        String subAgent = Flows.createAgent(developer, List.of("calendar:read"));
        Flows.Issued delegated = Flows.delegate(developer, issued.grantToken(), subAgent, List.of("calendar:read"));
        JsonObject child = developer.api().get("/v1/grants/" + delegated.grantId()).expect(200).json();
        assertTrue(child.getBoolean("fidoVerified"), "a delegated grant rests on the same consent: " + child);
        assertEquals(registered.getString("id"), child.getString("fidoCredentialId"));

        JsonObject listed = developer.api().get("/v1/webauthn/credentials?principalId=" + principal).expect(200).json()
                .getJsonArray("credentials").getJsonObject(0);
        assertEquals(registered.getString("id"), listed.getString("id"));
        assertFalse(listed.isNull("lastUsedAt"), "lastUsedAt is set by the assertion: " + listed);
    }

    @Test
    void replayedAssertionIsRefused() {
        register(null);
        String requestId = authorize("st-replay").getString("authRequestId");
        browser.driver().get(ItServer.baseUrl() + "/permissions");
        JsonObject options = assertionOptions(requestId);
        String assertion = inBrowser(GET, options.getJsonObject("publicKey"));
        JsonObject answer = Json.createObjectBuilder().add("challengeId", options.getString("challengeId"))
                .add("response", parse(assertion)).build();
        assertTrue(Api.anonymous().post("/v1/webauthn/assert/verify", answer.toString()).expect(200).json()
                .getBoolean("verified"));

        assertError(Api.anonymous().post("/v1/webauthn/assert/verify", answer.toString()), 400, "BAD_REQUEST");
        String fresh = assertionOptions(requestId).getString("challengeId");
        Reply replayed = Api.anonymous().post("/v1/webauthn/assert/verify", Json.createObjectBuilder()
                .add("challengeId", fresh).add("response", parse(assertion)).build().toString());
        assertError(replayed, 400, "BAD_REQUEST");
        assertTrue(replayed.json().getString("message").contains("not accepted"), replayed.body());
    }

    /**
     * Options answered after their 5 minutes are refused and change nothing; new options then work.
     * The challenge is moved past its expiry in the database rather than waited for.
     */
    @Test
    void anAssertionAnsweredAfterItsChallengeExpiredIsRefused() throws SQLException {
        try (Connection db = ItDatabase.postgres()) {
            register(null);
            String requestId = authorize("st-expired").getString("authRequestId");
            browser.driver().get(ItServer.baseUrl() + "/permissions");
            JsonObject options = assertionOptions(requestId);
            String assertion = inBrowser(GET, options.getJsonObject("publicKey"));
            try (PreparedStatement expire = db.prepareStatement("UPDATE webauthn_challenges SET expires_at = ? WHERE id = ?")) {
                expire.setLong(1, System.currentTimeMillis() - 1_000);
                expire.setString(2, options.getString("challengeId"));
                assertEquals(1, expire.executeUpdate());
            }
            Reply late = Api.anonymous().post("/v1/webauthn/assert/verify", Json.createObjectBuilder()
                    .add("challengeId", options.getString("challengeId")).add("response", parse(assertion)).build().toString());
            assertError(late, 400, "BAD_REQUEST");
            assertTrue(late.json().getString("message").contains("expired"), late.body());
            assertError(Api.anonymous().post("/v1/consent/" + requestId + "/approve", null), 403, "FIDO_REQUIRED");

            verifyInBrowser(requestId).expect(200);
            Api.anonymous().post("/v1/consent/" + requestId + "/approve", null).expect(200);
        }
    }

    @Test
    void anAuthenticatorWhoseCounterWentBackIsRefused() {
        register(null);
        String requestId = authorize("st-counter").getString("authRequestId");
        browser.driver().get(ItServer.baseUrl() + "/permissions");
        verifyInBrowser(requestId).expect(200);

        // A clone of the passkey: the same key, its signature counter started again from zero.
        Credential original = authenticator.getCredentials().get(0);
        authenticator.removeAllCredentials();
        authenticator.addCredential(Credential.createResidentCredential(original.getId(), "localhost",
                original.getPrivateKey(), original.getUserHandle(), 0));
        Reply cloned = verifyInBrowser(authorize("st-clone").getString("authRequestId"));
        assertError(cloned, 400, "BAD_REQUEST");
        assertTrue(cloned.json().getString("message").contains("counter"), cloned.body());

        JsonObject options = assertionOptions(requestId);
        JsonObject withoutRawId = Json.createObjectBuilder(parse(inBrowser(GET, options.getJsonObject("publicKey"))))
                .remove("rawId").build();
        assertError(Api.anonymous().post("/v1/webauthn/assert/verify", Json.createObjectBuilder()
                .add("challengeId", options.getString("challengeId")).add("response", withoutRawId).build().toString()),
                400, "BAD_REQUEST");
    }

    @Test
    void assertionMadeOnAnotherOriginIsRefused() throws IOException {
        register(null);
        String requestId = authorize("st-origin").getString("authRequestId");
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            byte[] page = "<!DOCTYPE html><title>Elsewhere</title><p>Another site on localhost".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(page);
            }
        });
        other.start();
        try {
            browser.driver().get("http://localhost:" + other.getAddress().getPort() + "/");
            Reply refused = verifyInBrowser(requestId);
            assertError(refused, 400, "BAD_REQUEST");
            assertTrue(refused.json().getString("message").contains("not accepted"), refused.body());
        } finally {
            other.stop(0);
        }
        assertError(Api.anonymous().post("/v1/consent/" + requestId + "/approve", null), 403, "FIDO_REQUIRED");
    }

    @Test
    void passkeysBelongToTheirDeveloper() {
        String id = register(null).getString("id");
        TestDeveloper other = TestDeveloper.create("enterprise", "live");
        assertEquals(0, other.api().get("/v1/webauthn/credentials?principalId=" + principal).expect(200).json()
                .getJsonArray("credentials").size());
        assertError(other.api().delete("/v1/webauthn/credentials/" + id), 404, "NOT_FOUND");

        JsonObject options = developer.api().post("/v1/webauthn/register/options",
                Json.createObjectBuilder().add("principalId", principal).build().toString()).expect(200).json();
        assertEquals(1, options.getJsonObject("publicKey").getJsonArray("excludeCredentials").size());
        browser.driver().get(ItServer.baseUrl() + "/permissions");
        String again = inBrowser(CREATE, options.getJsonObject("publicKey"));
        assertTrue(again.startsWith("failed: InvalidStateError"), "the authenticator refuses a second passkey: " + again);

        developer.api().delete("/v1/webauthn/credentials/" + id).expect(204);
        assertEquals(0, developer.api().get("/v1/webauthn/credentials?principalId=" + principal).expect(200).json()
                .getJsonArray("credentials").size());
        JsonObject authorized = authorize("st-none");
        assertError(Api.anonymous().post("/v1/webauthn/assert/options", Json.createObjectBuilder()
                .add("authRequestId", authorized.getString("authRequestId")).build().toString()), 400, "BAD_REQUEST");
        browser.driver().get(authorized.getString("consentUrl"));
        browser.driver().findElement(By.id("passkey")).click();
        browser.waiting().until(d -> d.findElement(By.id("passkey-problem")).isDisplayed());
        String problem = browser.driver().findElement(By.id("passkey-problem")).getText();
        assertTrue(problem.contains("no registered passkey"), problem);
    }

    /** Registers a passkey of the principal with the virtual authenticator, on a page of the server's origin. */
    private JsonObject register(String deviceName) {
        JsonObject options = developer.api().post("/v1/webauthn/register/options",
                Json.createObjectBuilder().add("principalId", principal).build().toString()).expect(200).json();
        assertTrue(options.getString("challengeId").startsWith("wac_"), options.toString());
        JsonObject publicKey = options.getJsonObject("publicKey");
        assertEquals("localhost", publicKey.getJsonObject("rp").getString("id"));
        assertEquals("required", publicKey.getJsonObject("authenticatorSelection").getString("userVerification"));
        browser.driver().get(ItServer.baseUrl() + "/permissions");
        String response = inBrowser(CREATE, publicKey);
        var body = Json.createObjectBuilder().add("challengeId", options.getString("challengeId")).add("response", parse(response));
        if (deviceName != null) {
            body.add("deviceName", deviceName);
        }
        JsonObject registered = developer.api().post("/v1/webauthn/register/verify", body.build().toString()).expect(201).json();
        assertNotNull(registered.getString("createdAt"));
        return registered;
    }

    private JsonObject authorize(String state) {
        return developer.api().post("/v1/authorize", Flows.authorizeBody(agentId, principal, List.of("calendar:read"))
                .add("redirectUri", callback).add("state", state).build().toString()).expect(201).json();
    }

    /** Asks for assertion options, signs them with the virtual authenticator and sends the answer. */
    private static Reply verifyInBrowser(String requestId) {
        JsonObject options = assertionOptions(requestId);
        String assertion = inBrowser(GET, options.getJsonObject("publicKey"));
        return Api.anonymous().post("/v1/webauthn/assert/verify", Json.createObjectBuilder()
                .add("challengeId", options.getString("challengeId")).add("response", parse(assertion)).build().toString());
    }

    private static JsonObject assertionOptions(String requestId) {
        return Api.anonymous().post("/v1/webauthn/assert/options",
                Json.createObjectBuilder().add("authRequestId", requestId).build().toString()).expect(200).json();
    }

    private static String inBrowser(String script, JsonObject publicKey) {
        return (String) browser.driver().executeAsyncScript(script, publicKey.toString());
    }

    private static JsonObject parse(String json) {
        assertFalse(json.startsWith("failed:"), json);
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
