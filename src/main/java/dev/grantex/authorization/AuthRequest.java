package dev.grantex.authorization;

import dev.grantex.grants.FidoConsent;
import dev.grantex.platform.storage.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A request for a principal's consent. Lifecycle: pending → approved (a code is issued) → consumed
 * (the code was exchanged), or pending → denied. Only the code's SHA-256 is stored.
 */
@Entity
@Table(name = "auth_requests")
public class AuthRequest {
    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String DENIED = "denied";
    public static final String CONSUMED = "consumed";
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

    @Column(name = "redirect_uri")
    private String redirectUri;

    private String state;

    private String audience;

    @Column(name = "expires_in", nullable = false)
    private String expiresIn;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(nullable = false)
    private String status;

    @Column(name = "code_hash")
    private String codeHash;

    @Column(name = "code_challenge")
    private String codeChallenge;

    @Column(name = "fido_verified", nullable = false)
    private boolean fidoVerified;

    @Column(name = "fido_credential_id")
    private String fidoCredentialId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AuthRequest() {
    }

    AuthRequest(String id, String developerId, String agentId, String principalId, List<String> scopes,
                String redirectUri, String state, String audience, String expiresIn, Instant expiresAt,
                String codeChallenge, Instant createdAt) {
        this.id = id;
        this.developerId = developerId;
        this.agentId = agentId;
        this.principalId = principalId;
        this.scopes = scopes;
        this.redirectUri = redirectUri;
        this.state = state;
        this.audience = audience;
        this.expiresIn = expiresIn;
        this.expiresAt = expiresAt;
        this.status = PENDING;
        this.codeChallenge = codeChallenge;
        this.createdAt = createdAt;
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

    public String redirectUri() {
        return redirectUri;
    }

    public String state() {
        return state;
    }

    public String audience() {
        return audience;
    }

    public String expiresIn() {
        return expiresIn;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String status() {
        return status;
    }

    public String codeChallenge() {
        return codeChallenge;
    }

    public Instant createdAt() {
        return createdAt;
    }

    boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }

    void approve(String newCodeHash) {
        status = APPROVED;
        codeHash = newCodeHash;
    }

    void deny() {
        status = DENIED;
    }

    void consume() {
        status = CONSUMED;
    }

    void markFidoVerified(String credentialId) {
        fidoVerified = true;
        fidoCredentialId = credentialId;
    }

    boolean fidoVerified() {
        return fidoVerified;
    }

    /** The passkey check the grant made from this request records. */
    public FidoConsent fido() {
        return new FidoConsent(fidoVerified, fidoCredentialId);
    }
}
