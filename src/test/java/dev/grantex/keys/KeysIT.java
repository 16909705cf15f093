package dev.grantex.keys;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Flows;
import dev.grantex.it.ItServer;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.security.interfaces.RSAPublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.HashUtil;
import org.junit.jupiter.api.Test;

class KeysIT {
    private static JsonArray jwksKeys() {
        return Api.anonymous().get("/.well-known/jwks.json").expect(200).json().getJsonArray("keys");
    }

    @Test
    void jwksPublishesOnlyRs256KeysWithUniqueThumbprintKids() throws Exception {
        Reply reply = Api.anonymous().get("/.well-known/jwks.json").expect(200);
        JsonWebKeySet set = new JsonWebKeySet(reply.body());
        assertTrue(set.getJsonWebKeys().size() >= 1);
        Set<String> kids = new HashSet<>();
        for (JsonWebKey key : set.getJsonWebKeys()) {
            RsaJsonWebKey rsa = (RsaJsonWebKey) key;
            assertEquals("RSA", rsa.getKeyType());
            assertEquals("RS256", rsa.getAlgorithm());
            assertEquals("sig", rsa.getUse());
            assertEquals(2048, ((RSAPublicKey) rsa.getPublicKey()).getModulus().bitLength());
            assertEquals(rsa.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256), rsa.getKeyId());
            assertTrue(kids.add(rsa.getKeyId()), "kids are unique");
        }
        assertTrue(!reply.body().contains("\"d\"") && !reply.body().contains("\"p\""), "no private parts");
    }

    @Test
    void jwksCarriesNoRateLimitHeaders() {
        for (String path : List.of("/.well-known/jwks.json", "/.well-known/jwks.json?x=1")) {
            Reply reply = Api.anonymous().get(path).expect(200);
            assertTrue(reply.header("X-RateLimit-Limit").isEmpty(), path);
        }
    }

    @Test
    void didDocumentListsTheRsaAndEd25519Keys() {
        JsonObject did = Api.anonymous().get("/.well-known/did.json").expect(200).json();
        String domain = ItServer.baseUrl().replace("http://", "").replace(":", "%3A");
        assertEquals("did:web:" + domain, did.getString("id"));
        assertEquals(List.of("https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"),
                strings(did.getJsonArray("@context")));
        JsonArray methods = did.getJsonArray("verificationMethod");
        Set<String> types = new HashSet<>();
        for (JsonObject method : methods.getValuesAs(JsonObject.class)) {
            assertEquals("JsonWebKey2020", method.getString("type"));
            assertEquals(did.getString("id"), method.getString("controller"));
            JsonObject jwk = method.getJsonObject("publicKeyJwk");
            assertEquals(did.getString("id") + "#" + jwk.getString("kid"), method.getString("id"));
            types.add(jwk.getString("kty") + "/" + jwk.getString("alg"));
            if ("OKP".equals(jwk.getString("kty"))) {
                assertEquals("Ed25519", jwk.getString("crv"));
            }
        }
        assertEquals(Set.of("RSA/RS256", "OKP/EdDSA"), types);
        assertEquals(methods.size(), did.getJsonArray("authentication").size());
        assertEquals(methods.size(), did.getJsonArray("assertionMethod").size());
        JsonArray services = did.getJsonArray("service");
        assertEquals(ItServer.baseUrl() + "/.well-known/jwks.json", services.getJsonObject(0).getString("serviceEndpoint"));
        assertEquals("GrantexProtocol", services.getJsonObject(1).getString("type"));
        assertEquals(ItServer.baseUrl() + "/v1", services.getJsonObject(1).getString("serviceEndpoint"));
        // By each key's type: the text of RSA moduli can hold "OKP" by chance (it did once in CI).
        assertTrue(jwksKeys().getValuesAs(JsonObject.class).stream().noneMatch(key -> "OKP".equals(key.getString("kty"))),
                "Ed25519 stays out of the JWKS");
    }

    @Test
    void rotationKeepsThePreviousKeyPublished() {
        String before = jwksKeys().getJsonObject(0).getString("kid");
        String rotated = Api.admin().post("/v1/admin/signing-keys/rotate", null).expect(200).json().getString("kid");
        assertNotEquals(before, rotated);
        JsonArray after = jwksKeys();
        assertEquals(rotated, after.getJsonObject(0).getString("kid"), "the new key is listed first");
        assertTrue(after.getValuesAs(JsonObject.class).stream().anyMatch(k -> k.getString("kid").equals(before)),
                "the previous key stays in the JWKS");
        String did = Api.anonymous().get("/.well-known/did.json").body();
        assertTrue(did.contains(before) && did.contains(rotated));
    }

    @Test
    void aRotatedKeyIsPublishedBeforeItSigns() throws InterruptedException {
        TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
        String agent = Flows.createAgent(developer, List.of("read"));
        String previous = jwksKeys().getJsonObject(0).getString("kid");
        String rotated = Api.admin().post("/v1/admin/signing-keys/rotate", null).expect(200).json().getString("kid");
        assertEquals(previous, kidOf(Flows.grant(developer, agent, List.of("read")).grantToken()),
                "the previous key signs while verifiers may still hold a JWKS without the new one");
        Thread.sleep(1000L * Integer.parseInt(ItServer.env("GRANTEX_SIGNING_PUBLISH_AHEAD_SECONDS")) + 300);
        Flows.Issued later = Flows.grant(developer, agent, List.of("read"));
        assertEquals(rotated, kidOf(later.grantToken()));
        assertTrue(Flows.valid(developer, later.grantToken()));
    }

    private static String kidOf(String jwt) {
        String header = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[0]),
                java.nio.charset.StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void rotationIsAnAdminRoute() {
        assertError(Api.anonymous().post("/v1/admin/signing-keys/rotate", null), 401, "UNAUTHORIZED");
        assertError(Api.withKey("not-the-admin-key-123456").post("/v1/admin/signing-keys/rotate", null), 401,
                "UNAUTHORIZED");
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
