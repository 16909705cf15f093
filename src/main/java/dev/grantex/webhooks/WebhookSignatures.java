package dev.grantex.webhooks;

import dev.grantex.platform.crypto.Hashes;

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
        return "sha256=" + Hashes.hmacSha256Hex(secret, message);
    }
}
