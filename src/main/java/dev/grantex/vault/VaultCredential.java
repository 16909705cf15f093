package dev.grantex.vault;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A principal's tokens for an outside service, kept sealed; the tokens leave the server only through an exchange. */
@Entity
@Table(name = "vault_credentials")
public class VaultCredential {
    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(name = "principal_id", nullable = false)
    private String principalId;

    @Column(nullable = false)
    private String service;

    @Column(name = "credential_type", nullable = false)
    private String credentialType;

    @Column(name = "sealed_access_token", nullable = false)
    private String sealedAccessToken;

    @Column(name = "sealed_refresh_token")
    private String sealedRefreshToken;

    @Column(name = "token_expires_at")
    private Instant tokenExpiresAt;

    @Column(nullable = false)
    private String metadata;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected VaultCredential() {
    }

    VaultCredential(String id, String developerId, String principalId, String service, Instant now) {
        this.id = id;
        this.developerId = developerId;
        this.principalId = principalId;
        this.service = service;
        this.createdAt = now;
    }

    /** Replaces what is stored (a second store for the same principal and service). */
    void store(String credentialType, String sealedAccessToken, String sealedRefreshToken, Instant tokenExpiresAt,
               String metadata, Instant now) {
        this.credentialType = credentialType;
        this.sealedAccessToken = sealedAccessToken;
        this.sealedRefreshToken = sealedRefreshToken;
        this.tokenExpiresAt = tokenExpiresAt;
        this.metadata = metadata;
        this.updatedAt = now;
    }

    String id() {
        return id;
    }

    String developerId() {
        return developerId;
    }

    String principalId() {
        return principalId;
    }

    String service() {
        return service;
    }

    String credentialType() {
        return credentialType;
    }

    String sealedAccessToken() {
        return sealedAccessToken;
    }

    Instant tokenExpiresAt() {
        return tokenExpiresAt;
    }

    String metadata() {
        return metadata;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
