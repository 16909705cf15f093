package dev.grantex.scim;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A bearer token that an identity provider provisions a developer's users with; only its hash is kept. */
@Entity
@Table(name = "scim_tokens")
public class ScimToken {
    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(nullable = false)
    private String label;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The contract's field; uses are not recorded (a write on every provisioning call), so it stays null. */
    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected ScimToken() {
    }

    ScimToken(String id, String developerId, String label, String tokenHash, Instant createdAt) {
        this.id = id;
        this.developerId = developerId;
        this.label = label;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String developerId() {
        return developerId;
    }

    public String label() {
        return label;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }
}
