package dev.grantex.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grantex.platform.crypto.SecretBox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSecretsTest {
    /** Opens "sealed-x" to "secret-x" and records what it was asked to open. */
    private static final class RecordingBox extends SecretBox {
        final List<String> opened = new ArrayList<>();

        @Override
        public String open(String sealed) {
            opened.add(sealed);
            return sealed.replace("sealed-", "secret-");
        }
    }

    private static WebhookSecrets secrets(RecordingBox box) {
        WebhookSecrets secrets = new WebhookSecrets();
        secrets.box = box;
        return secrets;
    }

    @Test
    void eachSealedSecretIsOpenedOnce() {
        RecordingBox box = new RecordingBox();
        WebhookSecrets secrets = secrets(box);
        assertEquals("secret-a", secrets.open("sealed-a"));
        assertEquals("secret-b", secrets.open("sealed-b"));
        assertEquals("secret-a", secrets.open("sealed-a"));
        assertEquals(List.of("sealed-a", "sealed-b"), box.opened);
    }

    @Test
    void aNodeKeepsAtMostTheBoundAndThenStartsAfresh() {
        RecordingBox box = new RecordingBox();
        WebhookSecrets secrets = secrets(box);
        for (int i = 0; i <= WebhookSecrets.KEPT; i++) {
            secrets.open("sealed-" + i);
        }
        box.opened.clear();
        assertEquals("secret-" + WebhookSecrets.KEPT, secrets.open("sealed-" + WebhookSecrets.KEPT));
        assertEquals("secret-0", secrets.open("sealed-0"));
        assertEquals(List.of("sealed-0"), box.opened, "what was kept before the bound was reached is opened again");
    }
}
