package dev.grantex.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.grantex.platform.crypto.Hashes;
import dev.grantex.platform.errors.ApiException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sync webhook's signature: GitHub's scheme, reproduced from its documentation's example. */
class PolicySyncWebhookTest {
    @Test
    void theSignatureIsGitHubsHmacOfTheRawBody() {
        // The example of GitHub's "Validating webhook deliveries".
        assertEquals("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
                Hashes.hmacSha256Hex("It's a Secret to Everybody", "Hello, World!"));
    }

    @Test
    void withoutASecretNothingIsAccepted() {
        PolicySyncWebhook webhook = new PolicySyncWebhook();
        webhook.secret = Optional.empty();
        assertEquals(503, assertThrows(ApiException.class, () -> webhook.accept("sha256=00", "{}")).status());
        webhook.secret = Optional.of("s3cret");
        String body = "{\"ref\":\"refs/heads/main\",\"repository\":\"acme/policies\"}";
        assertEquals("acme/policies", webhook.accept("sha256=" + Hashes.hmacSha256Hex("s3cret", body), body).repository());
        assertEquals(401, assertThrows(ApiException.class, () -> webhook.accept("sha1=00", body)).status());
    }
}
