package dev.grantex.webhooks;

import dev.grantex.platform.Timestamps;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of webhooks and their deliveries. */
public final class WebhookViews {
    private WebhookViews() {
    }

    public record CreateWebhookRequest(
            @Schema(required = true, maxLength = WebhookTargets.MAX_URL_LENGTH,
                    description = "https URL of a public host (http and internal hosts only when the operator admits them)")
            String url,
            @Schema(required = true, minItems = 1, enumeration = {"grant.created", "grant.revoked", "token.issued"})
            List<String> events) {
    }

    /** The answer to creation: the only time the secret is shown. */
    public record CreatedWebhookView(String id, String url, List<String> events, String secret, String createdAt) {
    }

    public record WebhookView(String id, String url, List<String> events, String createdAt) {
        static WebhookView of(Webhook webhook) {
            return new WebhookView(webhook.id(), webhook.url(), webhook.events(), Timestamps.format(webhook.createdAt()));
        }
    }

    public record WebhookList(List<WebhookView> webhooks) {
    }

    public record DeliveryView(String id, String webhookId, String eventId, String eventType,
                               @Schema(enumeration = {"pending", "delivered", "failed"}) String status,
                               int attempts, int maxAttempts, String url, String lastError, String createdAt,
                               String deliveredAt) {
        static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(d.id(), d.webhookId(), d.eventId(), d.eventType(), d.status(), d.attempts(),
                    d.maxAttempts(), d.url(), d.lastError(), Timestamps.format(d.createdAt()),
                    Timestamps.format(d.deliveredAt()));
        }
    }

    public record DeliveryPage(List<DeliveryView> deliveries, long total, int page, int pageSize) {
    }
}
