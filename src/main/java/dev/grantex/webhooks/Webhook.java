package dev.grantex.webhooks;

import dev.grantex.platform.storage.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A developer's subscription of a URL to event types. The signing secret is stored sealed. */
@Entity
@Table(name = "webhooks")
public class Webhook {
    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(nullable = false)
    private String url;

    @Convert(converter = StringListConverter.class)
    @Column(nullable = false)
    private List<String> events;

    @Column(name = "sealed_secret", nullable = false)
    private String sealedSecret;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Webhook() {
    }

    Webhook(String id, String developerId, String url, List<String> events, String sealedSecret, Instant createdAt) {
        this.id = id;
        this.developerId = developerId;
        this.url = url;
        this.events = List.copyOf(events);
        this.sealedSecret = sealedSecret;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String developerId() {
        return developerId;
    }

    public String url() {
        return url;
    }

    public List<String> events() {
        return events;
    }

    String sealedSecret() {
        return sealedSecret;
    }

    /** As the outbox's target; its deliveries read the secret from the webhook, so deleting it stops them. */
    DeliveryTarget asTarget() {
        return new DeliveryTarget(id, developerId, url, null);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
