package dev.grantex.sso;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Flows;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract's sso table (§2.14) and sign-in through a real OpenID provider (mock-oauth2-server,
 * started in the test JVM): PKCE, nonce, single-use state, provisioning, group mappings, sessions.
 */
class SsoIT {
    private static final String CLIENT_ID = "grantex-it";
    private static final String REDIRECT = "https://app.example/sso/callback";
    private static MockOAuth2Server provider;

    private final TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");

    @BeforeAll
    static void startProvider() {
        provider = new MockOAuth2Server();
        provider.start();
    }

    @AfterAll
    static void stopProvider() {
        provider.shutdown();
    }

    private static String issuer() {
        return provider.issuerUrl("corp").toString();
    }

    /** The provider's next ID token is for this person. */
    private static void nextPerson(String subject, String email, List<String> groups) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("corp", subject, "JWT", List.of(CLIENT_ID),
                Map.of("email", email, "name", "Person " + subject, "groups", groups), 3600L));
    }

    private String createOidcConnection(String extra) {
        return developer.api().post("/v1/sso/connections", "{\"name\":\"Corp IdP\",\"protocol\":\"oidc\",\"issuerUrl\":\""
                + issuer() + "\",\"clientId\":\"" + CLIENT_ID + "\",\"clientSecret\":\"s3cret\",\"redirectUri\":\""
                + REDIRECT + "\"" + extra + "}").expect(201).json().getString("id");
    }

    private JsonObject signIn(String subject, String email, List<String> groups) {
        nextPerson(subject, email, groups);
        Map<String, String> redirect = OidcLogin.authorize(OidcLogin.start(developer.developerId(), "").getString("authorizeUrl"));
        return OidcLogin.callback(redirect.get("code"), redirect.get("state")).expect(200).json();
    }

    private static List<String> strings(JsonObject object, String field) {
        return object.getJsonArray(field).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    @Test
    void theLongestSecretsOfAnyLettersAreKept() {
        String secret = "\u20ac".repeat(4096);
        developer.api().post("/v1/sso/config", "{\"issuerUrl\":\"https://accounts.google.com\",\"clientId\":\"c\","
                + "\"clientSecret\":\"" + secret + "\",\"redirectUri\":\"https://example.com/sso/callback\"}").expect(201);
        developer.api().post("/v1/sso/connections", "{\"name\":\"x\",\"protocol\":\"oidc\",\"issuerUrl\":\"https://idp.example\","
                + "\"clientId\":\"c\",\"clientSecret\":\"" + secret + "\",\"ldapBindPassword\":\"" + secret + "\"}").expect(201);
    }

    @Test
    void theSingleConfigurationFollowsTheContract() {
        String body = "{\"issuerUrl\":\"https://accounts.google.com\",\"clientId\":\"conformance-test-client\","
                + "\"clientSecret\":\"conformance-test-secret\",\"redirectUri\":\"https://example.com/sso/callback\"}";
        JsonObject created = developer.api().post("/v1/sso/config", body).expect(201).json();
        assertEquals("https://accounts.google.com", created.getString("issuerUrl"));
        assertEquals("conformance-test-client", created.getString("clientId"));
        assertEquals("https://example.com/sso/callback", created.getString("redirectUri"));
        assertFalse(created.containsKey("clientSecret"));
        developer.api().post("/v1/sso/config", body.replace("conformance-test-client", "other")).expect(201);
        JsonObject read = developer.api().get("/v1/sso/config").expect(200).json();
        assertEquals("other", read.getString("clientId"));
        assertFalse(read.toString().contains("conformance-test-secret"));
        assertEquals(404, TestDeveloper.create("enterprise").api().get("/v1/sso/config").status());

        assertError(developer.api().post("/v1/sso/config", body.replace("https://accounts.google.com", "accounts.google.com")), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/sso/config", "{\"issuerUrl\":\"https://a.example\"}"), 400, "BAD_REQUEST");
        assertError(Api.anonymous().get("/sso/login"), 400, "BAD_REQUEST");
        developer.api().delete("/v1/sso/config").expect(204);
        assertEquals(404, developer.api().get("/v1/sso/config").status());
        assertEquals(404, developer.api().delete("/v1/sso/config").status());
        assertEquals(404, Api.anonymous().get("/sso/login?org=" + developer.developerId()).status());
    }

    @Test
    void connectionsAreKeptWithoutEchoingSecretsAndOnlyForTheirDeveloper() {
        String id = createOidcConnection(",\"domains\":[\"Corp.Example\"],\"groupMappings\":{\"eng\":[\"calendar:read\"]}");
        JsonObject connection = developer.api().get("/v1/sso/connections/" + id).expect(200).json();
        assertTrue(id.startsWith("sso_"), id);
        assertEquals("oidc", connection.getString("protocol"));
        assertEquals("active", connection.getString("status"));
        assertEquals(List.of("corp.example"), strings(connection, "domains"));
        assertEquals(List.of("calendar:read"), strings(connection.getJsonObject("groupMappings"), "eng"));
        assertFalse(connection.toString().contains("s3cret"));
        assertEquals(1, developer.api().get("/v1/sso/connections").expect(200).json().getJsonArray("connections").size());

        JsonObject changed = developer.api().patch("/v1/sso/connections/" + id,
                "{\"name\":\"Renamed\",\"defaultScopes\":[\"profile:read\"]}").expect(200).json();
        assertEquals("Renamed", changed.getString("name"));
        assertEquals(List.of("profile:read"), strings(changed, "defaultScopes"));
        assertEquals(issuer(), changed.getString("issuerUrl"));
        assertError(developer.api().patch("/v1/sso/connections/" + id, "{\"protocol\":\"ldap\"}"), 400, "BAD_REQUEST");

        JsonObject tested = developer.api().post("/v1/sso/connections/" + id + "/test", null).expect(200).json();
        assertTrue(tested.getBoolean("success"), tested.toString());
        assertEquals(issuer(), tested.getString("issuer"));
        assertTrue(tested.getString("jwksUri").startsWith(issuer()));

        Api stranger = TestDeveloper.create("enterprise").api();
        assertEquals(404, stranger.get("/v1/sso/connections/" + id).status());
        assertEquals(404, stranger.patch("/v1/sso/connections/" + id, "{\"name\":\"x\"}").status());
        assertEquals(404, stranger.post("/v1/sso/connections/" + id + "/test", null).status());
        assertEquals(404, stranger.delete("/v1/sso/connections/" + id).status());
        assertEquals(0, stranger.get("/v1/sso/connections").expect(200).json().getJsonArray("connections").size());

        developer.api().delete("/v1/sso/connections/" + id).expect(204);
        assertEquals(404, developer.api().get("/v1/sso/connections/" + id).status());
    }

    @Test
    void badConnectionsAreRefusedWith400() {
        String oidc = "\"protocol\":\"oidc\",\"issuerUrl\":\"https://idp.example\",\"clientId\":\"c\",\"clientSecret\":\"s\"";
        List<String> bodies = List.of(
                "{}",
                "{\"name\":\"x\"}",
                "{\"name\":\"x\",\"protocol\":\"kerberos\"}",
                "{\"name\":\"x\",\"protocol\":\"oidc\",\"issuerUrl\":\"https://idp.example\",\"clientId\":\"c\"}",
                "{\"name\":\"x\"," + oidc.replace("https://idp.example", "ftp://idp.example") + "}",
                "{\"name\":\"x\"," + oidc.replace("https://idp.example", "https://user:pw@idp.example") + "}",
                "{\"name\":\"x\"," + oidc + ",\"domains\":[\"not a domain\"]}",
                "{\"name\":\"x\"," + oidc + ",\"groupMappings\":{\"eng\":\"calendar:read\"}}",
                "{\"name\":\"x\"," + oidc + ",\"groupMappings\":{\"eng\":[\"bad scope\"]}}",
                "{\"name\":\"x\"," + oidc + ",\"status\":\"paused\"}",
                "{\"name\":\"x\"," + oidc + ",\"jitProvisioning\":\"yes\"}",
                "{\"name\":\"x\",\"protocol\":\"saml\",\"idpEntityId\":\"e\",\"idpSsoUrl\":\"https://idp.example/sso\","
                        + "\"idpCertificate\":\"not a certificate\",\"spEntityId\":\"sp\",\"spAcsUrl\":\"https://sp.example/acs\"}",
                "{\"name\":\"x\",\"protocol\":\"ldap\",\"ldapUrl\":\"http://dir.example\",\"ldapBindDn\":\"cn=svc\","
                        + "\"ldapBindPassword\":\"p\",\"ldapSearchBase\":\"dc=example\"}",
                "{\"name\":\"x\",\"protocol\":\"ldap\",\"ldapUrl\":\"ldap://dir.example\",\"ldapBindDn\":\"cn=svc\","
                        + "\"ldapBindPassword\":\"p\",\"ldapSearchBase\":\"dc=example\",\"ldapSearchFilter\":\"(uid=*)\"}",
                "{\"name\":\"x\",\"protocol\":\"ldap\",\"ldapUrl\":\"ldap://dir.example\",\"ldapBindDn\":\"not a dn\","
                        + "\"ldapBindPassword\":\"p\",\"ldapSearchBase\":\"dc=example\"}",
                // Another protocol's settings are kept for a later switch, within their columns' lengths.
                "{\"name\":\"x\"," + oidc + ",\"idpEntityId\":\"" + "x".repeat(2000) + "\"}",
                "{\"name\":\"x\"," + oidc + ",\"spAcsUrl\":\"https://sp.example/" + "x".repeat(3000) + "\"}",
                "{\"name\":\"x\"," + oidc + ",\"ldapGroupSearchFilter\":\"" + "x".repeat(2000) + "\"}",
                "{\"name\":\"x\"," + oidc + ",\"ldapBindPassword\":\"" + "x".repeat(5000) + "\"}");
        for (String body : bodies) {
            assertError(developer.api().post("/v1/sso/connections", body), 400, "BAD_REQUEST");
        }
        assertEquals(0, developer.api().get("/v1/sso/connections").expect(200).json().getJsonArray("connections").size());
    }

    @Test
    void aPersonSignsInThroughTheProviderWithPkceAndIsProvisioned() {
        createOidcConnection(",\"jitProvisioning\":true,\"groupMappings\":{\"eng\":[\"calendar:read\",\"email:send\"],"
                + "\"ops\":[\"calendar:read\"],\"contractors\":[]},\"defaultScopes\":[\"profile:read\"]");
        JsonObject login = OidcLogin.start(developer.developerId(), "");
        assertEquals("oidc", login.getString("protocol"));
        Map<String, String> authorize = OidcLogin.parameters(login.getString("authorizeUrl"));
        assertEquals("S256", authorize.get("code_challenge_method"));
        assertEquals(CLIENT_ID, authorize.get("client_id"));
        assertEquals(REDIRECT, authorize.get("redirect_uri"));
        assertTrue(authorize.get("scope").contains("openid"));
        assertNotNull(authorize.get("nonce"));

        nextPerson("alice-sub", "alice@corp.example", List.of("eng", "ops"));
        Map<String, String> redirect = OidcLogin.authorize(login.getString("authorizeUrl"));
        JsonObject signedIn = OidcLogin.callback(redirect.get("code"), redirect.get("state")).expect(200).json();
        assertEquals("alice@corp.example", signedIn.getString("email"));
        assertEquals("Person alice-sub", signedIn.getString("name"));
        assertEquals("alice-sub", signedIn.getString("sub"));
        assertEquals(List.of("eng", "ops"), strings(signedIn, "groups"));
        assertEquals(List.of("calendar:read", "email:send"), strings(signedIn, "mappedScopes"));
        assertEquals(developer.developerId(), signedIn.getString("developerId"));
        assertTrue(signedIn.getString("sessionId").startsWith("ssosess_"));
        Duration lifetime = Duration.between(Instant.now(), Instant.parse(signedIn.getString("expiresAt")));
        assertTrue(lifetime.compareTo(Duration.ofHours(7)) > 0 && lifetime.compareTo(Duration.ofHours(9)) < 0, lifetime.toString());

        String principalId = signedIn.getString("principalId");
        Api scim = Api.withKey(developer.api().post("/v1/scim/tokens", "{\"label\":\"t\"}").expect(201).json().getString("token"));
        JsonObject user = scim.get("/scim/v2/Users/" + principalId).expect(200).json();
        assertEquals("alice@corp.example", user.getString("userName"));
        assertEquals("alice-sub", user.getString("externalId"));

        assertError(OidcLogin.callback(redirect.get("code"), redirect.get("state")), 400, "SSO_ERROR");

        JsonObject session = developer.api().get("/v1/sso/sessions").expect(200).json().getJsonArray("sessions")
                .getJsonObject(0);
        assertEquals(signedIn.getString("sessionId"), session.getString("id"));
        assertEquals(principalId, session.getString("principalId"));
        assertEquals("alice-sub", session.getString("idpSubject"));
        assertFalse(session.containsKey("sessionToken"));

        Api person = Api.withKey(signedIn.getString("sessionToken"));
        person.get("/v1/principal/grants").expect(200);
        assertEquals(404, TestDeveloper.create("enterprise").api().delete("/v1/sso/sessions/" + session.getString("id")).status());
        developer.api().delete("/v1/sso/sessions/" + session.getString("id")).expect(204);
        assertEquals(401, person.get("/v1/principal/grants").status());
        assertEquals(0, developer.api().get("/v1/sso/sessions").expect(200).json().getJsonArray("sessions").size());

        JsonObject again = signIn("alice-sub", "alice@corp.example", List.of("sales"));
        assertEquals(principalId, again.getString("principalId"), "the same person is the same user");
        assertEquals(List.of("profile:read"), strings(again, "mappedScopes"), "no mapped group: the default scopes");
        assertEquals(List.of(), strings(signIn("frank-sub", "frank@corp.example", List.of("contractors")), "mappedScopes"),
                "a group mapped to no scopes brings none, not the defaults");
    }

    @Test
    void scimGroupsMapToScopesAndDeactivatedUsersCannotSignIn() {
        createOidcConnection(",\"groupMappings\":{\"Finance\":[\"payments:read\"]}");
        Api scim = Api.withKey(developer.api().post("/v1/scim/tokens", "{\"label\":\"t\"}").expect(201).json().getString("token"));
        String userId = scim.post("/scim/v2/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"bob@corp.example\",\"externalId\":\"bob-sub\"}").expect(201).json().getString("id");
        scim.post("/scim/v2/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Finance\",\"members\":[{\"value\":\"" + userId + "\"}]}").expect(201);

        JsonObject signedIn = signIn("bob-sub", "bob@corp.example", List.of());
        assertEquals(userId, signedIn.getString("principalId"));
        assertEquals(List.of("Finance"), strings(signedIn, "groups"));
        assertEquals(List.of("payments:read"), strings(signedIn, "mappedScopes"));

        JsonObject stranger = signIn("carol-sub", "carol@corp.example", List.of());
        assertTrue(stranger.isNull("principalId"), "no provisioning: a stranger is no user");
        assertEquals(401, Api.withKey(stranger.getString("sessionToken")).get("/v1/principal/grants").status());

        provider.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "mallory-sub", "JWT", List.of(CLIENT_ID),
                Map.of("email", "bob@corp.example", "email_verified", false), 3600L));
        Map<String, String> unverified = OidcLogin.authorize(OidcLogin.start(developer.developerId(), "").getString("authorizeUrl"));
        assertTrue(OidcLogin.callback(unverified.get("code"), unverified.get("state")).expect(200).json().isNull("principalId"),
                "an email the provider has not verified finds nobody");

        Api bob = Api.withKey(signedIn.getString("sessionToken"));
        bob.get("/v1/principal/grants").expect(200);

        scim.patch("/scim/v2/Users/" + userId, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}").expect(200);
        nextPerson("bob-sub", "bob@corp.example", List.of());
        Map<String, String> redirect = OidcLogin.authorize(OidcLogin.start(developer.developerId(), "").getString("authorizeUrl"));
        assertError(OidcLogin.callback(redirect.get("code"), redirect.get("state")), 403, "FORBIDDEN");
        assertError(bob.get("/v1/principal/grants"), 401, "UNAUTHORIZED");
    }

    @Test
    void theEmailDomainPicksTheConnection() {
        String first = createOidcConnection(",\"domains\":[\"a.example\"]");
        String second = createOidcConnection(",\"domains\":[\"b.example\"]");
        assertEquals(second, OidcLogin.start(developer.developerId(), "&domain=B.example").getString("connectionId"));
        assertEquals(first, OidcLogin.start(developer.developerId(), "&domain=a.example").getString("connectionId"));
        assertEquals(first, OidcLogin.start(developer.developerId(), "&domain=other.example").getString("connectionId"));
        developer.api().patch("/v1/sso/connections/" + first, "{\"status\":\"inactive\"}").expect(200);
        assertEquals(second, OidcLogin.start(developer.developerId(), "").getString("connectionId"));
        String redirect = URLEncoder.encode("https://other.example/cb", StandardCharsets.UTF_8);
        assertEquals("https://other.example/cb", OidcLogin.parameters(OidcLogin.start(developer.developerId(),
                "&redirect_uri=" + redirect).getString("authorizeUrl")).get("redirect_uri"));
        assertError(Api.anonymous().get("/sso/login?org=" + developer.developerId() + "&redirect_uri=javascript:alert(1)"),
                400, "BAD_REQUEST");
    }

    @Test
    void theSingleConfigurationSignsInThroughTheLegacyCallback() {
        developer.api().post("/v1/sso/config", "{\"issuerUrl\":\"" + issuer() + "\",\"clientId\":\"" + CLIENT_ID
                + "\",\"clientSecret\":\"s\",\"redirectUri\":\"" + REDIRECT + "\"}").expect(201);
        nextPerson("dave-sub", "dave@corp.example", List.of());
        JsonObject login = OidcLogin.start(developer.developerId(), "");
        assertTrue(login.isNull("connectionId"));
        Map<String, String> redirect = OidcLogin.authorize(login.getString("authorizeUrl"));
        JsonObject signedIn = Api.anonymous().get("/sso/callback?code=" + redirect.get("code") + "&state="
                + URLEncoder.encode(redirect.get("state"), StandardCharsets.UTF_8)).expect(200).json();
        assertEquals("dave@corp.example", signedIn.getString("email"));
        assertEquals("dave-sub", signedIn.getString("sub"));
        assertEquals(developer.developerId(), signedIn.getString("developerId"));
        assertTrue(signedIn.containsKey("name"));
    }

    @Test
    void forgedExpiredAndForeignStatesAreRefused() {
        createOidcConnection("");
        Map<String, String> redirect = OidcLogin.authorize(OidcLogin.start(developer.developerId(), "").getString("authorizeUrl"));
        String state = redirect.get("state");
        String[] parts = state.split("\\.");
        String forged = parts[0].substring(0, parts[0].length() - 2) + "AA." + parts[1];
        assertError(OidcLogin.callback(redirect.get("code"), forged), 400, "SSO_ERROR");
        assertError(OidcLogin.callback(redirect.get("code"), "not-a-state"), 400, "SSO_ERROR");
        assertError(OidcLogin.callback(redirect.get("code"), state + "x"), 400, "SSO_ERROR");
        assertError(Api.anonymous().post("/sso/callback/oidc", "{\"state\":\"" + state + "\"}"), 400, "BAD_REQUEST");
        assertError(Api.anonymous().post("/sso/callback/oidc", "{\"code\":\"" + redirect.get("code") + "\",\"state\":\""
                + state + "\",\"redirect_uri\":\"https://elsewhere.example/cb\"}"), 400, "SSO_ERROR");
        assertError(OidcLogin.callback(redirect.get("code"), state), 400, "SSO_ERROR");
    }

    @Test
    void enforcementLeavesOnlySsoSessionsToPrincipals() {
        assertError(developer.api().post("/v1/sso/enforce", "{\"enforce\":true}"), 409, "CONFLICT");
        String connection = createOidcConnection(",\"jitProvisioning\":true");
        String agentId = Flows.createAgent(developer, List.of("calendar:read"));
        String principal = Flows.principal();
        Flows.grantFor(developer, agentId, principal, List.of("calendar:read"));
        String opened = developer.api().post("/v1/principal-sessions", "{\"principalId\":\"" + principal + "\"}")
                .expect(201).json().getString("sessionToken");

        JsonObject enforced = developer.api().post("/v1/sso/enforce", "{\"enforce\":true}").expect(200).json();
        assertTrue(enforced.getBoolean("enforce"));
        assertEquals(developer.developerId(), enforced.getString("developerId"));
        assertError(developer.api().post("/v1/principal-sessions", "{\"principalId\":\"" + principal + "\"}"), 403, "FORBIDDEN");
        assertEquals(401, Api.withKey(opened).get("/v1/principal/grants").status());
        JsonObject signedIn = signIn("erin-sub", "erin@corp.example", List.of());
        Api.withKey(signedIn.getString("sessionToken")).get("/v1/principal/grants").expect(200);
        assertError(developer.api().post("/v1/sso/enforce", "{\"enforce\":\"yes\"}"), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/sso/enforce", "{}"), 400, "BAD_REQUEST");

        developer.api().post("/v1/sso/enforce", "{\"enforce\":false}").expect(200);
        Api.withKey(opened).get("/v1/principal/grants").expect(200);

        developer.api().patch("/v1/sso/connections/" + connection, "{\"status\":\"inactive\"}").expect(200);
        assertError(Api.withKey(signedIn.getString("sessionToken")).get("/v1/principal/grants"), 401, "UNAUTHORIZED");
    }
}
