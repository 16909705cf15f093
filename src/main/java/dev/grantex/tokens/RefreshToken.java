package dev.grantex.tokens;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A single-use refresh token of a grant, stored as the SHA-256 of the token. */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken {
    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "grant_id", nullable = false)
    private String grantId;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(nullable = false)
    private boolean used;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RefreshToken() {
    }

    RefreshToken(String tokenHash, String grantId, String developerId, Instant expiresAt, Instant createdAt) {
        this.tokenHash = tokenHash;
        this.grantId = grantId;
        this.developerId = developerId;
        this.expiresAt = expiresAt;
        this.createdAt = createdAt;
    }

    String grantId() {
        return grantId;
    }

    String developerId() {
        return developerId;
    }

    boolean used() {
        return used;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    void markUsed() {
        used = true;
    }
}
