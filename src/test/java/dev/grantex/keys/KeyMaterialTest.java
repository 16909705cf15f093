package dev.grantex.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.Base64;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

class KeyMaterialTest {
    @Test
    void rsaKeysGetThumbprintKidsAndRoundTripThroughPkcs8() throws Exception {
        KeyPair pair = KeyMaterial.generate(SigningKey.RS256);
        PublicJsonWebKey jwk = KeyMaterial.publicJwk(SigningKey.RS256, pair.getPublic());
        assertEquals(43, jwk.getKeyId().length());
        assertEquals("RS256", jwk.getAlgorithm());
        String json = KeyMaterial.publicJson(jwk);
        assertFalse(json.contains("\"d\""));

        PublicJsonWebKey reloaded = KeyMaterial.parsePublic(json);
        reloaded.setPrivateKey(KeyMaterial.decodePrivate(SigningKey.RS256, KeyMaterial.encodePrivate(pair.getPrivate())));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload("{\"sub\":\"x\"}");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKey(reloaded.getPrivateKey());
        String compact = jws.getCompactSerialization();

        JsonWebSignature verify = new JsonWebSignature();
        verify.setCompactSerialization(compact);
        verify.setKey(jwk.getPublicKey());
        assertTrue(verify.verifySignature());
    }

    @Test
    void configuredPemGivesTheSameKidEveryTime() {
        KeyPair pair = KeyMaterial.generate(SigningKey.RS256);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        String kid = KeyMaterial.publicJwk(SigningKey.RS256, KeyMaterial.rsaFromPem(pem).getPublic()).getKeyId();
        String escaped = pem.replace("\n", "\\n");
        assertEquals(kid, KeyMaterial.publicJwk(SigningKey.RS256, KeyMaterial.rsaFromPem(escaped).getPublic()).getKeyId());
        assertEquals(KeyMaterial.publicJwk(SigningKey.RS256, pair.getPublic()).getKeyId(), kid);
    }

    @Test
    void badPemIsRefusedClearly() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> KeyMaterial.rsaFromPem("-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----"));
        assertTrue(error.getMessage().contains("GRANTEX_SIGNING_PRIVATE_KEY"));
    }

    @Test
    void ed25519KeysAreOkpJwks() {
        KeyPair pair = KeyMaterial.generate(SigningKey.EDDSA);
        String json = KeyMaterial.publicJson(KeyMaterial.publicJwk(SigningKey.EDDSA, pair.getPublic()));
        assertTrue(json.contains("\"kty\":\"OKP\""), json);
        assertTrue(json.contains("\"crv\":\"Ed25519\""), json);
        assertTrue(json.contains("\"alg\":\"EdDSA\""), json);
    }
}
