package dev.grantex.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature headers of a delivery (contract §6.2): HMAC-SHA256 keyed with the secret's UTF-8
 * bytes as they are (the 48 hex characters, not decoded), lower-case hex, prefixed "sha256=".
 */
public final class WebhookSignatures {
    private WebhookSignatures() {
    }

    /** X-Grantex-Signature: over the body alone (legacy; computed once, when the delivery is queued). */
    public static String v1(String secret, String body) {
        return hmac(secret, body);
    }

    /** X-Grantex-Signature-V2: over "timestamp.body", with the X-Grantex-Timestamp of this attempt. */
    public static String v2(String secret, long timestampSeconds, String body) {
        return hmac(secret, timestampSeconds + "." + body);
    }

    private static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
