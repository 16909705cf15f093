package dev.grantex.sso;

import dev.grantex.platform.crypto.RandomBytes;
import dev.grantex.platform.crypto.SecretBox;
import dev.grantex.platform.json.Jsonp;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code state} of a login (contract §2.14): base64url(JSON payload) "." base64url(HMAC-SHA256),
 * valid for 10 minutes (60 s of clock skew ahead). It names the login request; that row, not the
 * state, makes it single-use.
 */
@ApplicationScoped
public class SsoState {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** What a state carries. connectionId is null for the developer's single configuration. */
    record Payload(String org, String connectionId, String requestId, String redirectUri) {
    }

    @Inject
    SecretBox secretBox;

    @Inject
    Clock clock;

    private SecretKeySpec key;

    @PostConstruct
    void deriveKey() {
        key = new SecretKeySpec(secretBox.derivedKey("grantex sso state v1"), "HmacSHA256");
    }

    String sign(Payload payload) {
        JsonObjectBuilder json = Jsonp.objectBuilder().add("org", payload.org()).add("requestId", payload.requestId())
                .add("iat", clock.instant().getEpochSecond())
                .add("nonce", B64.encodeToString(RandomBytes.of(16)));
        if (payload.connectionId() != null) {
            json.add("connectionId", payload.connectionId());
        }
        if (payload.redirectUri() != null) {
            json.add("redirectUri", payload.redirectUri());
        }
        String body = B64.encodeToString(json.build().toString().getBytes(StandardCharsets.UTF_8));
        return body + "." + B64.encodeToString(mac(body));
    }

    /** The payload of a state this server signed less than 10 minutes ago; empty otherwise. */
    Optional<Payload> verify(String state) {
        if (state == null || state.length() > 4096) {
            return Optional.empty();
        }
        int dot = state.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String body = state.substring(0, dot);
        byte[] signature;
        JsonObject json;
        try {
            signature = Base64.getUrlDecoder().decode(state.substring(dot + 1));
            json = Jsonp.strictObject(new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(signature, mac(body)) || !(json.get("iat") instanceof JsonNumber iat)) {
            return Optional.empty();
        }
        long now = clock.instant().getEpochSecond();
        long issued = iat.longValue();
        if (issued > now + SKEW.toSeconds() || now - issued > LIFETIME.toSeconds()) {
            return Optional.empty();
        }
        String org = Jsonp.text(json.get("org"));
        String requestId = Jsonp.text(json.get("requestId"));
        if (org == null || requestId == null) {
            return Optional.empty();
        }
        return Optional.of(new Payload(org, Jsonp.text(json.get("connectionId")), requestId,
                Jsonp.text(json.get("redirectUri"))));
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
