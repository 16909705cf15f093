package dev.grantex.tokens;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A revocation key whose grant no longer exists, kept until what it revokes would have expired. */
@Entity
@Table(name = "revocation_tombstones")
public class RevocationTombstone {
    @Id
    @Column(name = "entry_key")
    private String key;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected RevocationTombstone() {
    }

    RevocationTombstone(String key, Instant expiresAt) {
        this.key = key;
        this.expiresAt = expiresAt;
    }
}
