package dev.grantex.budgets;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** The budget of one grant: what it started with, what remains, and which alerts were announced. */
@Entity
@Table(name = "budget_allocations")
public class BudgetAllocation {
    static final String CLOSED_REVOKED = "revoked";
    static final String CLOSED_EXPIRED = "expired";

    @Id
    private String id;

    @Column(name = "grant_id", nullable = false)
    private String grantId;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(name = "initial_budget", nullable = false, precision = 18, scale = 4)
    private BigDecimal initialBudget;

    @Column(name = "remaining_budget", nullable = false, precision = 18, scale = 4)
    private BigDecimal remainingBudget;

    @Column(nullable = false)
    private String currency;

    @Column(name = "alerted_pct", nullable = false)
    private int alertedPct;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "closed_reason")
    private String closedReason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected BudgetAllocation() {
    }

    BudgetAllocation(String id, String grantId, String developerId, BigDecimal initialBudget, String currency,
                     Instant now) {
        this.id = id;
        this.grantId = grantId;
        this.developerId = developerId;
        this.initialBudget = initialBudget;
        this.remainingBudget = initialBudget;
        this.currency = currency;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Takes {@code amount} off the remaining budget; the caller has checked that it is there. */
    void debit(BigDecimal amount, Instant now) {
        remainingBudget = remainingBudget.subtract(amount);
        updatedAt = now;
    }

    void alerted(int pct) {
        alertedPct = pct;
    }

    void close(String reason, Instant now) {
        closedAt = now;
        closedReason = reason;
        updatedAt = now;
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

    public BigDecimal initialBudget() {
        return initialBudget;
    }

    public BigDecimal remainingBudget() {
        return remainingBudget;
    }

    public String currency() {
        return currency;
    }

    int alertedPct() {
        return alertedPct;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public String closedReason() {
        return closedReason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
