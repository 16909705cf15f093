package dev.grantex.sso;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.onelogin.saml2.util.Util;
import dev.grantex.it.Api;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SAML connections: SP-initiated login and responses signed by a test identity provider's key
 * ({@link SamlIdentityProvider}), each failure changing one thing a real attacker would.
 */
class SsoSamlIT {
    private static final String ACS = "https://app.example/sso/saml/acs";
    private static final String SP_ENTITY_ID = "https://app.example/saml/sp";
    private static final Pattern REQUEST_ID = Pattern.compile("ID=\"([^\"]+)\"");

    private final SamlIdentityProvider idp = new SamlIdentityProvider();
    private final TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
    private final String connectionId;

    SsoSamlIT() {
        connectionId = developer.api().post("/v1/sso/connections", Json.createObjectBuilder()
                .add("name", "Corp SAML").add("protocol", "saml").add("idpEntityId", SamlIdentityProvider.ENTITY_ID)
                .add("idpSsoUrl", "https://idp.corp.example/saml/sso").add("idpCertificate", idp.certificatePem())
                .add("spEntityId", SP_ENTITY_ID).add("spAcsUrl", ACS).add("jitProvisioning", true)
                .add("groupMappings", Json.createObjectBuilder().add("eng", Json.createArrayBuilder().add("repo:read")))
                .build().toString()).expect(201).json().getString("id");
    }

    /** A login started: the AuthnRequest's id and the RelayState. */
    private record Login(String requestId, String relayState) {
    }

    private Login start() {
        JsonObject login = OidcLogin.start(developer.developerId(), "");
        assertEquals("saml", login.getString("protocol"));
        assertEquals(connectionId, login.getString("connectionId"));
        String url = login.getString("authorizeUrl");
        assertTrue(url.startsWith("https://idp.corp.example/saml/sso?SAMLRequest="), url);
        Map<String, String> parameters = OidcLogin.parameters(url);
        String request = Util.base64decodedInflated(parameters.get("SAMLRequest"));
        assertTrue(request.contains(ACS) && request.contains(SP_ENTITY_ID), request);
        Matcher id = REQUEST_ID.matcher(request);
        assertTrue(id.find(), request);
        return new Login(id.group(1), parameters.get("RelayState"));
    }

    private static Reply callback(String samlResponse, String relayState) {
        return Api.anonymous().post("/sso/callback/saml", Json.createObjectBuilder().add("SAMLResponse", samlResponse)
                .add("RelayState", relayState).build().toString());
    }

    /** Signs in with the answer changed by {@code change} and the assertion text by {@code tamper}. */
    private Reply signIn(UnaryOperator<SamlIdentityProvider.Answer> change, UnaryOperator<String> tamper,
                         SamlIdentityProvider signer) {
        Login login = start();
        SamlIdentityProvider.Answer answer = change.apply(
                SamlIdentityProvider.Answer.to(login.requestId(), ACS, SP_ENTITY_ID, "sam@corp.example"));
        String assertion = signer == null ? idp.assertion(answer) : idp.signed(idp.assertion(answer), signer);
        return callback(SamlIdentityProvider.response(answer, tamper.apply(assertion)), login.relayState());
    }

    private void assertRefused(Reply reply) {
        JsonObject error = assertError(reply, 400, "SSO_ERROR");
        assertTrue(error.getString("message").startsWith("The SAML response"), error.toString());
        assertEquals(0, developer.api().get("/v1/sso/sessions").expect(200).json().getJsonArray("sessions").size());
    }

    @Test
    void aSignedAssertionSignsThePersonIn() {
        assertTrue(developer.api().post("/v1/sso/connections/" + connectionId + "/test", null).expect(200).json()
                .getBoolean("success"));
        Login login = start();
        SamlIdentityProvider.Answer answer = SamlIdentityProvider.Answer.to(login.requestId(), ACS, SP_ENTITY_ID,
                "sam@corp.example");
        String response = SamlIdentityProvider.response(answer, idp.signed(idp.assertion(answer), idp));
        JsonObject signedIn = callback(response, login.relayState()).expect(200).json();
        assertEquals("sam@corp.example", signedIn.getString("sub"));
        assertEquals("sam@corp.example", signedIn.getString("email"));
        assertEquals("Sam Example", signedIn.getString("name"));
        assertEquals(List.of("eng"), signedIn.getJsonArray("groups").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList());
        assertEquals("repo:read", signedIn.getJsonArray("mappedScopes").getString(0));
        Api.withKey(signedIn.getString("sessionToken")).get("/v1/principal/grants").expect(200);

        assertError(callback(response, login.relayState()), 400, "SSO_ERROR");
    }

    @Test
    void unsignedForeignAndTamperedAssertionsAreRefused() {
        assertRefused(signIn(a -> a, s -> s, null));
        assertRefused(signIn(a -> a, s -> s, new SamlIdentityProvider()));
        assertRefused(signIn(a -> a, s -> s.replace("sam@corp.example", "root@corp.example"), idp));
    }

    @Test
    void anotherAudienceRecipientIssuerOrRequestIsRefused() {
        assertRefused(signIn(a -> new SamlIdentityProvider.Answer(a.inResponseTo(), a.destination(), "https://other.example/sp",
                a.issuer(), a.nameId(), a.notOnOrAfter(), a.groups()), s -> s, idp));
        assertRefused(signIn(a -> new SamlIdentityProvider.Answer(a.inResponseTo(), "https://evil.example/acs", a.audience(),
                a.issuer(), a.nameId(), a.notOnOrAfter(), a.groups()), s -> s, idp));
        assertRefused(signIn(a -> new SamlIdentityProvider.Answer(a.inResponseTo(), a.destination(), a.audience(),
                "https://evil.example/idp", a.nameId(), a.notOnOrAfter(), a.groups()), s -> s, idp));
        assertRefused(signIn(a -> new SamlIdentityProvider.Answer("_another-request", a.destination(), a.audience(),
                a.issuer(), a.nameId(), a.notOnOrAfter(), a.groups()), s -> s, idp));
    }

    @Test
    void anExpiredAssertionIsRefused() {
        assertRefused(signIn(a -> new SamlIdentityProvider.Answer(a.inResponseTo(), a.destination(), a.audience(),
                a.issuer(), a.nameId(), Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS),
                a.groups()), s -> s, idp));
    }

    @Test
    void aBadRelayStateOrBodyIsRefused() {
        Login login = start();
        SamlIdentityProvider.Answer answer = SamlIdentityProvider.Answer.to(login.requestId(), ACS, SP_ENTITY_ID, "sam@corp.example");
        String response = SamlIdentityProvider.response(answer, idp.signed(idp.assertion(answer), idp));
        assertError(callback(response, "forged.state"), 400, "SSO_ERROR");
        assertError(callback("not base64 xml", login.relayState()), 400, "SSO_ERROR");
        assertError(Api.anonymous().post("/sso/callback/saml", "{\"RelayState\":\"x\"}"), 400, "BAD_REQUEST");
    }
}
