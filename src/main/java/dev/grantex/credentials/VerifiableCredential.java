package dev.grantex.credentials;

import dev.grantex.grants.Grant;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A credential issued for a grant (a VC-JWT, or an SD-JWT with its disclosures), and its revocation state. */
@Entity
@Table(name = "verifiable_credentials")
public class VerifiableCredential {
    static final String ACTIVE = "active";
    static final String REVOKED = "revoked";

    @Id
    private String id;

    @Column(name = "grant_id", nullable = false)
    private String grantId;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(name = "principal_id", nullable = false)
    private String principalId;

    @Column(name = "agent_did", nullable = false)
    private String agentDid;

    @Column(name = "credential_type", nullable = false)
    private String credentialType;

    @Column(nullable = false)
    private String format;

    @Column(nullable = false)
    private String credential;

    @Column(nullable = false)
    private String status;

    @Column(name = "status_list_id", nullable = false)
    private String statusListId;

    @Column(name = "status_list_idx", nullable = false)
    private int statusListIdx;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected VerifiableCredential() {
    }

    VerifiableCredential(String id, Grant grant, String agentDid, String credentialType, CredentialFormat format,
                         String credential, StatusEntry status, Instant issuedAt) {
        this.id = id;
        this.grantId = grant.id();
        this.developerId = grant.developerId();
        this.principalId = grant.principalId();
        this.agentDid = agentDid;
        this.credentialType = credentialType;
        this.format = format.wireName();
        this.credential = credential;
        this.status = ACTIVE;
        this.statusListId = status.listId();
        this.statusListIdx = status.index();
        this.issuedAt = issuedAt;
        this.expiresAt = grant.expiresAt();
    }

    public String id() {
        return id;
    }

    public String grantId() {
        return grantId;
    }

    public String developerId() {
        return developerId;
    }

    public String principalId() {
        return principalId;
    }

    public String agentDid() {
        return agentDid;
    }

    public String credentialType() {
        return credentialType;
    }

    public String format() {
        return format;
    }

    public String credential() {
        return credential;
    }

    public String status() {
        return status;
    }

    StatusEntry statusEntry() {
        return new StatusEntry(statusListId, statusListIdx);
    }

    public int statusListIdx() {
        return statusListIdx;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    boolean revoked() {
        return REVOKED.equals(status);
    }

    void revoke(Instant now) {
        status = REVOKED;
        revokedAt = now;
    }
}
