package dev.grantex.sso;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A login in progress, named by the signed state the identity provider hands back. It keeps what
 * must not travel through the browser (the PKCE verifier) and what the answer must match (the
 * OIDC nonce, the SAML AuthnRequest id, the redirect URI). The callback deletes it, so a state works once.
 */
@Entity
@Table(name = "sso_login_requests")
public class SsoLoginRequest {
    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    /** Null for a login through the developer's single configuration. */
    @Column(name = "connection_id")
    private String connectionId;

    private String nonce;

    @Column(name = "code_verifier")
    private String codeVerifier;

    @Column(name = "saml_request_id")
    private String samlRequestId;

    @Column(name = "redirect_uri")
    private String redirectUri;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected SsoLoginRequest() {
    }

    SsoLoginRequest(String id, String developerId, String connectionId, String nonce, String codeVerifier,
                    String samlRequestId, String redirectUri, Instant expiresAt) {
        this.id = id;
        this.developerId = developerId;
        this.connectionId = connectionId;
        this.nonce = nonce;
        this.codeVerifier = codeVerifier;
        this.samlRequestId = samlRequestId;
        this.redirectUri = redirectUri;
        this.expiresAt = expiresAt;
    }

    String id() {
        return id;
    }

    String developerId() {
        return developerId;
    }

    String connectionId() {
        return connectionId;
    }

    String nonce() {
        return nonce;
    }

    String codeVerifier() {
        return codeVerifier;
    }

    String samlRequestId() {
        return samlRequestId;
    }

    String redirectUri() {
        return redirectUri;
    }

    Instant expiresAt() {
        return expiresAt;
    }
}
