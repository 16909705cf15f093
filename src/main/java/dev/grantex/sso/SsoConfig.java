package dev.grantex.sso;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A developer's single OIDC configuration (contract §2.14, the legacy routes); its client secret is sealed. */
@Entity
@Table(name = "sso_configs")
public class SsoConfig {
    @Id
    @Column(name = "developer_id")
    private String developerId;

    @Column(name = "issuer_url", nullable = false)
    private String issuerUrl;

    @Column(name = "client_id", nullable = false)
    private String clientId;

    @Column(name = "sealed_client_secret", nullable = false)
    private String sealedClientSecret;

    @Column(name = "redirect_uri", nullable = false)
    private String redirectUri;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected SsoConfig() {
    }

    SsoConfig(String developerId, Instant createdAt) {
        this.developerId = developerId;
        this.createdAt = createdAt;
    }

    void write(String issuerUrl, String clientId, String sealedClientSecret, String redirectUri, Instant now) {
        this.issuerUrl = issuerUrl;
        this.clientId = clientId;
        this.sealedClientSecret = sealedClientSecret;
        this.redirectUri = redirectUri;
        this.updatedAt = now;
    }

    public String developerId() {
        return developerId;
    }

    public String issuerUrl() {
        return issuerUrl;
    }

    public String clientId() {
        return clientId;
    }

    String sealedClientSecret() {
        return sealedClientSecret;
    }

    public String redirectUri() {
        return redirectUri;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
