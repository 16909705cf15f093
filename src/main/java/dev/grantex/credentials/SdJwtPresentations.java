package dev.grantex.credentials;

import com.authlete.sd.Disclosure;
import com.authlete.sd.SDJWT;
import dev.grantex.credentials.CredentialViews.PresentResult;
import dev.grantex.events.EventLog;
import dev.grantex.events.EventType;
import dev.grantex.platform.json.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;

/**
 * Judges an SD-JWT presentation: the issuer JWT is this server's and live, every disclosure presented
 * matches a digest the issuer signed (a tampered or foreign disclosure makes the presentation invalid;
 * a withheld one only discloses less), and, when the verifier asks for a nonce or audience or the
 * holder sends one, a key-binding JWT signed by the credential's cnf key over this very presentation.
 */
@ApplicationScoped
@Transactional
public class SdJwtPresentations {
    /** How far a key-binding JWT's iat may lie from now. */
    static final Duration KEY_BINDING_WINDOW = Duration.ofMinutes(5);
    private static final AlgorithmConstraints HOLDER_ALGORITHMS = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512,
            AlgorithmIdentifiers.EDDSA);

    @Inject
    CredentialService credentials;

    @Inject
    EventLog events;

    @Inject
    Clock clock;

    /** Thrown for the first check a presentation fails; becomes {valid:false, error}. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    public PresentResult present(String presentation, String nonce, String audience) {
        SDJWT sdJwt;
        try {
            sdJwt = SDJWT.parse(presentation);
        } catch (RuntimeException e) {
            return PresentResult.invalid(null, "Not an SD-JWT: " + e.getMessage());
        }
        Optional<CredentialService.Issued> issued = credentials.issued(sdJwt.getCredentialJwt());
        if (issued.isEmpty() || !CredentialIssuer.SD_ALG.equals(Jsonp.text(issued.get().claims().get("_sd_alg")))) {
            return PresentResult.invalid(null, "Not an SD-JWT issued by this server");
        }
        VerifiableCredential vc = issued.get().stored();
        try {
            if (vc.revoked()) {
                throw new Refused("The credential is revoked");
            }
            if (issued.get().expired()) {
                throw new Refused("The credential has expired");
            }
            JsonObject disclosed = disclosedClaims(issued.get().claims(), sdJwt);
            checkKeyBinding(issued.get().claims(), sdJwt, nonce, audience);
            events.record(vc.developerId(), EventType.SD_JWT_PRESENTED, Jsonp.objectBuilder().add("vcId", vc.id())
                    .add("grantId", vc.grantId()).add("disclosed", Jsonp.stringArray(disclosed.keySet().stream().toList()))
                    .add("keyBound", sdJwt.getBindingJwt() != null).build());
            return new PresentResult(true, vc.id(), disclosed, null);
        } catch (Refused refused) {
            return PresentResult.invalid(vc.id(), refused.getMessage());
        }
    }

    /** The visible subject claims with every presented disclosure added; each must match a signed digest, once. */
    private static JsonObject disclosedClaims(JsonObject claims, SDJWT sdJwt) throws Refused {
        JsonObject subject = claims.getJsonObject("vc").getJsonObject("credentialSubject");
        Set<String> digests = new HashSet<>();
        if (subject.get("_sd") instanceof JsonArray signed) {
            signed.forEach(d -> digests.add(Jsonp.text(d)));
        }
        JsonObjectBuilder out = Jsonp.objectBuilder();
        subject.forEach((name, value) -> {
            if (!"_sd".equals(name)) {
                out.add(name, value);
            }
        });
        Set<String> seen = new HashSet<>();
        for (Disclosure disclosure : sdJwt.getDisclosures()) {
            String digest = disclosure.digest(CredentialIssuer.SD_ALG);
            if (!digests.contains(digest)) {
                throw new Refused("A disclosure matches no digest of the credential (altered, or from another credential)");
            }
            if (!seen.add(digest)) {
                throw new Refused("A disclosure is presented twice");
            }
            JsonArray triple = parseArray(disclosure.getJson());
            if (triple.size() != 3 || !(triple.get(1) instanceof JsonString name) || subject.containsKey(name.getString())) {
                throw new Refused("A disclosure is not a [salt, name, value] of a hidden claim");
            }
            out.add(name.getString(), triple.get(2));
        }
        return out.build();
    }

    private static JsonArray parseArray(String json) throws Refused {
        try {
            return Jsonp.array(json);
        } catch (JsonException e) {
            throw new Refused("A disclosure is not valid JSON");
        }
    }

    private void checkKeyBinding(JsonObject claims, SDJWT sdJwt, String nonce, String audience) throws Refused {
        String bindingJwt = sdJwt.getBindingJwt();
        if (bindingJwt == null) {
            if (nonce != null || audience != null) {
                throw new Refused("A key-binding JWT is required for a nonce or audience");
            }
            return;
        }
        if (!(claims.get("cnf") instanceof JsonObject cnf) || !(cnf.get("jwk") instanceof JsonObject jwk)) {
            throw new Refused("The credential is bound to no holder key, so it cannot carry a key-binding JWT");
        }
        JwtClaims binding = verifiedBinding(bindingJwt, jwk);
        try {
            NumericDate issuedAt = binding.getIssuedAt();
            // Compared as seconds: an iat beyond Instant's range (jose4j takes any long) is just far off.
            if (issuedAt == null || Math.abs((double) issuedAt.getValue() - clock.instant().getEpochSecond())
                    > KEY_BINDING_WINDOW.toSeconds()) {
                throw new Refused("The key-binding JWT's iat is missing or more than 5 minutes from now");
            }
            if (!sdJwt.getSDHash().equals(binding.getStringClaimValue("sd_hash"))) {
                throw new Refused("The key-binding JWT's sd_hash is not of this presentation");
            }
            if (nonce != null && !nonce.equals(binding.getStringClaimValue("nonce"))) {
                throw new Refused("The key-binding JWT's nonce is not the one asked for");
            }
            if (audience != null && !binding.getAudience().contains(audience)) {
                throw new Refused("The key-binding JWT's aud is not the one asked for");
            }
        } catch (MalformedClaimException e) {
            throw new Refused("The key-binding JWT has a malformed claim: " + e.getMessage());
        }
    }

    private static JwtClaims verifiedBinding(String bindingJwt, JsonObject jwk) throws Refused {
        try {
            PublicJsonWebKey key = PublicJsonWebKey.Factory.newPublicJwk(jwk.toString());
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(HOLDER_ALGORITHMS);
            jws.setCompactSerialization(bindingJwt);
            jws.setKey(key.getPublicKey());
            if (!"kb+jwt".equals(jws.getHeader("typ")) || !jws.verifySignature()) {
                throw new Refused("The key-binding JWT is not a kb+jwt signed by the holder's key");
            }
            return JwtClaims.parse(jws.getPayload());
        } catch (JoseException | InvalidJwtException | RuntimeException e) {
            throw new Refused("The key-binding JWT is not valid: " + e.getMessage());
        }
    }
}
