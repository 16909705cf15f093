package dev.grantex.tokens;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One issued grant token (JWT), by its jti; revoking it affects only this token. */
@Entity
@Table(name = "grant_tokens")
public class GrantToken {
    @Id
    private String jti;

    @Column(name = "grant_id", nullable = false)
    private String grantId;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(nullable = false)
    private boolean revoked;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected GrantToken() {
    }

    GrantToken(String jti, String grantId, String developerId, Instant expiresAt, Instant createdAt) {
        this.jti = jti;
        this.grantId = grantId;
        this.developerId = developerId;
        this.expiresAt = expiresAt;
        this.createdAt = createdAt;
    }
}
