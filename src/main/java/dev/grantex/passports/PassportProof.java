package dev.grantex.passports;

import dev.grantex.audit.CanonicalJson;
import dev.grantex.keys.KeyRing;
import dev.grantex.keys.ServerDid;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.crypto.Hashes;
import dev.grantex.platform.json.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Optional;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * The passport's proof: a W3C Data Integrity proof with the eddsa-jcs-2022 cryptosuite, signed by the
 * server's Ed25519 key (the one its DID document lists). Both the proof options and the credential
 * without its proof are canonicalised (JSON Canonicalization Scheme, RFC 8785), hashed with SHA-256,
 * and the two hashes signed together, so no member of the credential can change without breaking it.
 */
@ApplicationScoped
public class PassportProof {
    static final String TYPE = "DataIntegrityProof";
    static final String CRYPTOSUITE = "eddsa-jcs-2022";
    /** The multibase prefix and a 64-byte signature in base58, which takes at most 88 characters. */
    static final int MAX_PROOF_VALUE = 1 + 88;

    @Inject
    KeyRing keyRing;

    @Inject
    ServerDid serverDid;

    /** The credential with its proof added. */
    JsonObject sign(JsonObject credential, Instant created) {
        PublicJsonWebKey key = keyRing.ed25519Key();
        JsonObject options = Jsonp.objectBuilder()
                .add("type", TYPE)
                .add("cryptosuite", CRYPTOSUITE)
                .add("created", Timestamps.format(created))
                .add("verificationMethod", verificationMethod(key))
                .add("proofPurpose", "assertionMethod")
                .build();
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key.getPrivateKey());
            ed25519.update(hashData(credential, options));
            String proofValue = "z" + Base58.encode(ed25519.sign());
            JsonObjectBuilder proof = Jsonp.objectBuilder(options).add("proofValue", proofValue);
            return Jsonp.objectBuilder(credential).add("proof", proof).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Empty when the credential's proof is this server's and covers exactly this content; otherwise why not. */
    Optional<String> problem(JsonObject credential) {
        if (!(credential.get("proof") instanceof JsonObject proof)) {
            return Optional.of("The passport carries no proof");
        }
        PublicJsonWebKey key = keyRing.ed25519Key();
        if (!TYPE.equals(Jsonp.text(proof.get("type"))) || !CRYPTOSUITE.equals(Jsonp.text(proof.get("cryptosuite")))
                || !"assertionMethod".equals(Jsonp.text(proof.get("proofPurpose")))) {
            return Optional.of("The proof is not an eddsa-jcs-2022 assertion proof");
        }
        if (!verificationMethod(key).equals(Jsonp.text(proof.get("verificationMethod")))) {
            return Optional.of("The proof names a key other than this server's Ed25519 key");
        }
        String proofValue = Jsonp.text(proof.get("proofValue"));
        if (proofValue == null || !proofValue.startsWith("z")) {
            return Optional.of("The proof value is not base58btc multibase");
        }
        if (proofValue.length() > MAX_PROOF_VALUE) {
            // Decoding base58 takes time quadratic in its length: a long value is refused unread.
            return Optional.of("The proof value is longer than an Ed25519 signature");
        }
        JsonObjectBuilder options = Jsonp.objectBuilder(proof);
        options.remove("proofValue");
        JsonObjectBuilder unsigned = Jsonp.objectBuilder(credential);
        unsigned.remove("proof");
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(key.getPublicKey());
            ed25519.update(hashData(unsigned.build(), options.build()));
            return ed25519.verify(Base58.decode(proofValue.substring(1)))
                    ? Optional.empty() : Optional.of("The proof does not match the passport's content");
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.of("The proof value is malformed");
        }
    }

    private String verificationMethod(PublicJsonWebKey key) {
        return serverDid.did() + "#" + key.getKeyId();
    }

    /** SHA-256 of the canonical proof options (with the credential's @context), then of the canonical credential. */
    private static byte[] hashData(JsonObject credential, JsonObject options) {
        JsonObjectBuilder config = Jsonp.objectBuilder(options);
        if (credential.containsKey("@context")) {
            config.add("@context", credential.get("@context"));
        }
        byte[] optionsHash = Hashes.sha256(CanonicalJson.of(config.build()).getBytes(StandardCharsets.UTF_8));
        byte[] documentHash = Hashes.sha256(CanonicalJson.of(credential).getBytes(StandardCharsets.UTF_8));
        byte[] both = new byte[optionsHash.length + documentHash.length];
        System.arraycopy(optionsHash, 0, both, 0, optionsHash.length);
        System.arraycopy(documentHash, 0, both, optionsHash.length, documentHash.length);
        return both;
    }
}
