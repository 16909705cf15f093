package dev.grantex.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The contract's §6.2 test vectors, byte for byte. */
class WebhookSignaturesTest {
    private static final String SECRET = "00112233445566778899aabbccddeeff0011223344556677";
    private static final String BODY = "{\"id\":\"evt_01JEEEEEEEEEEEEEEEEEEEEEEE\",\"type\":\"grant.revoked\","
            + "\"createdAt\":\"2026-02-01T12:00:00.000Z\",\"data\":{\"grantId\":\"grnt_01JCCCCCCCCCCCCCCCCCCCCCCC\",\"cascade\":false}}";

    @Test
    void legacySignatureCoversTheBodyKeyedWithTheSecretsCharacters() {
        assertEquals("sha256=6d15809fd589d698089a4d895310931349eb200f10d2610e6430b3b7a63bc9cb",
                WebhookSignatures.v1(SECRET, BODY));
    }

    @Test
    void v2SignatureCoversTimestampDotBody() {
        assertEquals("sha256=c4a7218d21c4ebc223a32b35b0a80d92e761125435fc5828d1d6921b57e47a0d",
                WebhookSignatures.v2(SECRET, 1767225600L, BODY));
    }

    @Test
    void backoffDoublesFromThirtySeconds() {
        assertEquals(30, WebhookDeliveries.backoff(1).toSeconds());
        assertEquals(60, WebhookDeliveries.backoff(2).toSeconds());
        assertEquals(120, WebhookDeliveries.backoff(3).toSeconds());
        assertEquals(240, WebhookDeliveries.backoff(4).toSeconds());
    }
}
