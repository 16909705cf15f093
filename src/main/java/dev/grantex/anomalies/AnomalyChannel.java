package dev.grantex.anomalies;

import dev.grantex.platform.storage.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * Where a developer's anomaly alerts go: a webhook, a Slack incoming webhook or email addresses
 * ({@code target} is the URL, mailto: for email), for the severities listed. The signing secret is
 * sealed; only a webhook channel's is shown, once.
 */
@Entity
@Table(name = "anomaly_channels")
public class AnomalyChannel {
    static final String WEBHOOK = "webhook";
    static final String SLACK = "slack";
    static final String EMAIL = "email";
    static final List<String> TYPES = List.of(SLACK, WEBHOOK, EMAIL);

    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(nullable = false)
    private String type;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String target;

    @Column(name = "sealed_secret", nullable = false)
    private String sealedSecret;

    @Convert(converter = StringListConverter.class)
    @Column(nullable = false)
    private List<String> severities;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AnomalyChannel() {
    }

    AnomalyChannel(String id, String developerId, String type, String name, String target, String sealedSecret,
                   List<String> severities, Instant createdAt) {
        this.id = id;
        this.developerId = developerId;
        this.type = type;
        this.name = name;
        this.target = target;
        this.sealedSecret = sealedSecret;
        this.severities = List.copyOf(severities);
        this.enabled = true;
        this.createdAt = createdAt;
    }

    void enable(boolean enabled) {
        this.enabled = enabled;
    }

    public String id() {
        return id;
    }

    public String developerId() {
        return developerId;
    }

    public String type() {
        return type;
    }

    public String name() {
        return name;
    }

    public String target() {
        return target;
    }

    String sealedSecret() {
        return sealedSecret;
    }

    public List<String> severities() {
        return severities;
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
