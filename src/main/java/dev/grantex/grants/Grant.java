package dev.grantex.grants;

import dev.grantex.platform.storage.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * What a principal allowed an agent: scopes until an expiry. Delegated grants point to their parent;
 * revoking a grant revokes its whole subtree. Grants are never deleted by revocation.
 */
@Entity
@Table(name = "grants")
public class Grant {
    public static final String ACTIVE = "active";
    public static final String REVOKED = "revoked";
    public static final String EXPIRED = "expired";

    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(name = "agent_id", nullable = false)
    private String agentId;

    @Column(name = "principal_id", nullable = false)
    private String principalId;

    @Convert(converter = StringListConverter.class)
    @Column(nullable = false)
    private List<String> scopes;

    @Column(nullable = false)
    private String status;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "parent_grant_id")
    private String parentGrantId;

    @Column(name = "delegation_depth", nullable = false)
    private int delegationDepth;

    private String audience;

    @Column(name = "fido_verified", nullable = false)
    private boolean fidoVerified;

    @Column(name = "fido_credential_id")
    private String fidoCredentialId;

    protected Grant() {
    }

    public Grant(String id, String developerId, String agentId, String principalId, List<String> scopes,
                 Instant issuedAt, Instant expiresAt, String parentGrantId, int delegationDepth, String audience,
                 FidoConsent fido) {
        this.id = id;
        this.developerId = developerId;
        this.agentId = agentId;
        this.principalId = principalId;
        this.scopes = scopes;
        this.status = ACTIVE;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.parentGrantId = parentGrantId;
        this.delegationDepth = delegationDepth;
        this.audience = audience;
        this.fidoVerified = fido.verified();
        this.fidoCredentialId = fido.credentialId();
    }

    public String id() {
        return id;
    }

    public String developerId() {
        return developerId;
    }

    public String agentId() {
        return agentId;
    }

    public String principalId() {
        return principalId;
    }

    public List<String> scopes() {
        return scopes;
    }

    public String status() {
        return status;
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

    public String parentGrantId() {
        return parentGrantId;
    }

    public int delegationDepth() {
        return delegationDepth;
    }

    public String audience() {
        return audience;
    }

    public FidoConsent fido() {
        return new FidoConsent(fidoVerified, fidoCredentialId);
    }

    void revoke(Instant now) {
        status = REVOKED;
        revokedAt = now;
    }

    /** Active and not past its expiry. */
    public boolean usable(Instant now) {
        return ACTIVE.equals(status) && expiresAt.isAfter(now);
    }
}
