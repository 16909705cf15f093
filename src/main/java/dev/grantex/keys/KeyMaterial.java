package dev.grantex.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/** Key generation, PKCS#8 encoding and JWK conversion; kids are RFC 7638 thumbprints. */
final class KeyMaterial {
    private KeyMaterial() {
    }

    static KeyPair generate(String algorithm) {
        try {
            if (SigningKey.RS256.equals(algorithm)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            }
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a " + algorithm + " key", e);
        }
    }

    /** An RSA key pair from a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"); literal \n are accepted. */
    static KeyPair rsaFromPem(String pem) {
        String base64 = pem.replace("\\n", "\n")
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (!(privateKey instanceof RSAPrivateCrtKey crt) || crt.getModulus().bitLength() < 2048) {
                throw new IllegalStateException("GRANTEX_SIGNING_PRIVATE_KEY must be an RSA key of at least 2048 bits");
            }
            PublicKey publicKey = factory.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("GRANTEX_SIGNING_PRIVATE_KEY is not a PKCS#8 PEM private key", e);
        }
    }

    static PrivateKey decodePrivate(String algorithm, String pkcs8Base64) {
        try {
            KeyFactory factory = KeyFactory.getInstance(SigningKey.RS256.equals(algorithm) ? "RSA" : "Ed25519");
            return factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8Base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored signing key is unreadable", e);
        }
    }

    static String encodePrivate(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** The public JWK with kid (thumbprint), alg and use set. */
    static PublicJsonWebKey publicJwk(String algorithm, PublicKey publicKey) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(publicKey);
            jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256));
            jwk.setAlgorithm(algorithm);
            jwk.setUse("sig");
            return jwk;
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot express the key as a JWK", e);
        }
    }

    static String publicJson(PublicJsonWebKey jwk) {
        return jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    static PublicJsonWebKey parsePublic(String json) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(json);
        } catch (JoseException e) {
            throw new IllegalStateException("A stored public key is unreadable", e);
        }
    }

}
