package dev.grantex.tokens;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A revocation key (revoked:tok:… or revoked:grant:…) still to be written to Redis. */
@Entity
@Table(name = "revocation_outbox")
public class RevocationOutboxEntry {
    @Id
    @Column(name = "entry_key")
    private String key;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RevocationOutboxEntry() {
    }

    RevocationOutboxEntry(String key, Instant expiresAt, Instant createdAt) {
        this.key = key;
        this.expiresAt = expiresAt;
        this.createdAt = createdAt;
    }

    String key() {
        return key;
    }

    Instant expiresAt() {
        return expiresAt;
    }
}
