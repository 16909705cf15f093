package dev.grantex.webhooks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * One event on its way to one webhook, or to another feature's target (an anomaly alert channel): the
 * body exactly as it is sent (and was signed), the attempts so far and when the next is due. While a
 * node works on it, {@code nextAttemptAt} is the end of that node's lease and {@code leaseToken} names
 * the lease. A target's delivery carries its sealed secret; a webhook's reads the webhook's.
 */
@Entity
@Table(name = "webhook_deliveries")
public class WebhookDelivery {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    @Id
    private String id;

    @Column(name = "webhook_id", nullable = false)
    private String webhookId;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(name = "event_id", nullable = false)
    private String eventId;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Column(nullable = false)
    private String payload;

    @Column(nullable = false)
    private String signature;

    @Column(nullable = false)
    private String url;

    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "max_attempts", nullable = false)
    private int maxAttempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "lease_token")
    private String leaseToken;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "sealed_secret")
    private String sealedSecret;

    protected WebhookDelivery() {
    }

    WebhookDelivery(String id, DeliveryTarget target, String eventId, String eventType, String payload, String signature,
                    int maxAttempts, Instant createdAt, Instant leasedUntil, String leaseToken) {
        this.id = id;
        this.webhookId = target.id();
        this.developerId = target.developerId();
        this.sealedSecret = target.sealedSecret();
        this.eventId = eventId;
        this.eventType = eventType;
        this.payload = payload;
        this.signature = signature;
        this.url = target.url();
        this.status = PENDING;
        this.attempts = 0;
        this.maxAttempts = maxAttempts;
        this.nextAttemptAt = leasedUntil;
        this.leaseToken = leaseToken;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String webhookId() {
        return webhookId;
    }

    public String developerId() {
        return developerId;
    }

    public String eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    public String payload() {
        return payload;
    }

    public String signature() {
        return signature;
    }

    public String url() {
        return url;
    }

    public String status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public String leaseToken() {
        return leaseToken;
    }

    public String lastError() {
        return lastError;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    String sealedSecret() {
        return sealedSecret;
    }

    void markAttemptFailed(String error, Instant now, Duration backoff) {
        attempts++;
        lastError = error;
        leaseToken = null;
        if (attempts >= maxAttempts) {
            status = FAILED;
        } else {
            nextAttemptAt = now.plus(backoff);
        }
    }
}
