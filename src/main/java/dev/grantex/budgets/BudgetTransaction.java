package dev.grantex.budgets;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One debit of an allocation, with what remained after it: the ledger, and the first answer to a
 * retried debit that carried the same Idempotency-Key.
 */
@Entity
@Table(name = "budget_transactions")
public class BudgetTransaction {
    @Id
    private String id;

    @Column(name = "allocation_id", nullable = false)
    private String allocationId;

    @Column(name = "grant_id", nullable = false)
    private String grantId;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(nullable = false, precision = 18, scale = 4)
    private BigDecimal amount;

    @Column(name = "remaining_after", nullable = false, precision = 18, scale = 4)
    private BigDecimal remainingAfter;

    private String description;

    /** A JSON object as text, or null. */
    private String metadata;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "request_hash")
    private String requestHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected BudgetTransaction() {
    }

    BudgetTransaction(String id, BudgetAllocation allocation, BigDecimal amount, String description, String metadata,
                      String idempotencyKey, String requestHash, Instant now) {
        this.id = id;
        this.allocationId = allocation.id();
        this.grantId = allocation.grantId();
        this.developerId = allocation.developerId();
        this.amount = amount;
        this.remainingAfter = allocation.remainingBudget();
        this.description = description;
        this.metadata = metadata;
        this.idempotencyKey = idempotencyKey;
        this.requestHash = requestHash;
        this.createdAt = now;
    }

    public String id() {
        return id;
    }

    public String allocationId() {
        return allocationId;
    }

    public String grantId() {
        return grantId;
    }

    public BigDecimal amount() {
        return amount;
    }

    public BigDecimal remainingAfter() {
        return remainingAfter;
    }

    public String description() {
        return description;
    }

    public String metadata() {
        return metadata;
    }

    String requestHash() {
        return requestHash;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
