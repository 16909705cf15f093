package dev.grantex.passports;

import dev.grantex.credentials.StatusEntry;
import dev.grantex.grants.Grant;
import dev.grantex.platform.storage.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An issued agent passport: its signed credential as issued, and whether it still holds. */
@Entity
@Table(name = "mpp_passports")
public class AgentPassport {
    static final String ACTIVE = "active";
    static final String REVOKED = "revoked";
    static final String EXPIRED = "expired";

    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(name = "agent_id", nullable = false)
    private String agentId;

    @Column(name = "grant_id", nullable = false)
    private String grantId;

    @Column(name = "principal_id", nullable = false)
    private String principalId;

    @Convert(converter = StringListConverter.class)
    @Column(name = "allowed_categories", nullable = false)
    private List<String> allowedCategories;

    @Column(name = "max_amount", nullable = false)
    private BigDecimal maxAmount;

    @Column(name = "max_currency", nullable = false)
    private String maxCurrency;

    @Column(name = "parent_passport_id")
    private String parentPassportId;

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

    protected AgentPassport() {
    }

    AgentPassport(String id, Grant grant, List<String> allowedCategories, BigDecimal maxAmount, String maxCurrency,
                  String parentPassportId, String credential, StatusEntry status, Instant issuedAt, Instant expiresAt) {
        this.id = id;
        this.developerId = grant.developerId();
        this.agentId = grant.agentId();
        this.grantId = grant.id();
        this.principalId = grant.principalId();
        this.allowedCategories = List.copyOf(allowedCategories);
        this.maxAmount = maxAmount;
        this.maxCurrency = maxCurrency;
        this.parentPassportId = parentPassportId;
        this.credential = credential;
        this.status = ACTIVE;
        this.statusListId = status.listId();
        this.statusListIdx = status.index();
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    String id() {
        return id;
    }

    String developerId() {
        return developerId;
    }

    String agentId() {
        return agentId;
    }

    String grantId() {
        return grantId;
    }

    List<String> allowedCategories() {
        return allowedCategories;
    }

    BigDecimal maxAmount() {
        return maxAmount;
    }

    String maxCurrency() {
        return maxCurrency;
    }

    String credential() {
        return credential;
    }

    StatusEntry statusEntry() {
        return new StatusEntry(statusListId, statusListIdx);
    }

    Instant issuedAt() {
        return issuedAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    Instant revokedAt() {
        return revokedAt;
    }

    boolean revoked() {
        return REVOKED.equals(status);
    }

    /** active, revoked, or expired once its time has passed. */
    String statusAt(Instant now) {
        return revoked() ? REVOKED : expiresAt.isAfter(now) ? ACTIVE : EXPIRED;
    }

    void revoke(Instant now) {
        status = REVOKED;
        revokedAt = now;
    }
}
