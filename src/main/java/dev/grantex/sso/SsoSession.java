package dev.grantex.sso;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A person signed in through one of the developer's identity providers, for 8 hours. Its token (kept
 * as its SHA-256) opens the principal routes like a principal session, until it expires or is revoked.
 */
@Entity
@Table(name = "sso_sessions")
public class SsoSession {
    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(name = "connection_id")
    private String connectionId;

    /** The SCIM user the person is, when one was found or provisioned. */
    @Column(name = "principal_id")
    private String principalId;

    private String email;

    private String name;

    @Column(name = "idp_subject", nullable = false)
    private String idpSubject;

    @Lob
    @Column(name = "groups_json", nullable = false)
    private String groupsJson;

    @Lob
    @Column(name = "mapped_scopes", nullable = false)
    private String mappedScopesJson;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SsoSession() {
    }

    SsoSession(String id, String developerId, String connectionId, String principalId, SignedInIdentity identity,
               String groupsJson, String mappedScopesJson, String tokenHash, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.developerId = developerId;
        this.connectionId = connectionId;
        this.principalId = principalId;
        this.email = identity.email();
        this.name = identity.name();
        this.idpSubject = identity.subject();
        this.groupsJson = groupsJson;
        this.mappedScopesJson = mappedScopesJson;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    public String developerId() {
        return developerId;
    }

    public String connectionId() {
        return connectionId;
    }

    public String principalId() {
        return principalId;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public String idpSubject() {
        return idpSubject;
    }

    String groupsJson() {
        return groupsJson;
    }

    String mappedScopesJson() {
        return mappedScopesJson;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
