package dev.grantex.budgets;

import dev.grantex.budgets.BudgetViews.AllocateRequest;
import dev.grantex.budgets.BudgetViews.AllocationView;
import dev.grantex.budgets.BudgetViews.DebitRequest;
import dev.grantex.budgets.BudgetViews.DebitView;
import dev.grantex.budgets.BudgetViews.TransactionPage;
import dev.grantex.budgets.BudgetViews.TransactionView;
import dev.grantex.events.EventLog;
import dev.grantex.events.EventType;
import dev.grantex.grants.Grant;
import dev.grantex.grants.GrantService;
import dev.grantex.grants.GrantsDeleting;
import dev.grantex.platform.ExpirySweep;
import dev.grantex.platform.Ids;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.crypto.Hashes;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.Jsonp;
import dev.grantex.platform.storage.IdSlices;
import dev.grantex.platform.storage.KeysetPages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Budgets of grants: allocation, atomic debits with their ledger and alerts, balances, and closing
 * the budgets of grants that were revoked or expired.
 */
@ApplicationScoped
@Transactional
public class BudgetService {
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_METADATA = 8192;
    private static final int CLOSING_BATCH = 500;
    private static final int LIST_PAGE = 1000;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    /** A debit's answer, and whether it is the stored answer to an earlier request with the same key. */
    public record Debited(DebitView view, boolean replayed) {
    }

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    GrantService grants;

    @Inject
    EventLog events;

    /** 404 unknown grant, 409 GRANT_INACTIVE when revoked or expired, 409 CONFLICT when it has a budget. */
    public AllocationView allocate(String developerId, AllocateRequest request) {
        String grantId = required(request.grantId(), "grantId");
        BigDecimal initial = Money.positive(request.initialBudget(), "initialBudget");
        String currency = Money.currency(request.currency(), "currency");
        Grant grant = grants.get(developerId, grantId);
        Instant now = clock.instant();
        if (!grant.usable(now)) {
            throw grantInactive();
        }
        if (allocationOf(grantId, LockModeType.NONE).isPresent()) {
            throw ApiException.conflict("This grant already has a budget allocation");
        }
        // Two concurrent allocations for one grant: the unique grant_id makes the second a 409 CONFLICT.
        BudgetAllocation allocation = new BudgetAllocation(Ids.newId("bdg"), grantId, developerId, initial, currency, now);
        em.persist(allocation);
        return AllocationView.of(allocation);
    }

    /**
     * Takes the amount off the grant's budget, under a lock on the allocation row, so that concurrent
     * debits never overspend: 404 unknown grant, 402 INSUFFICIENT_BUDGET without a budget or with too
     * little left, 409 GRANT_INACTIVE when the grant was revoked or expired. A debit with an
     * idempotency key that was already used answers what the first did; with another request, 409.
     */
    public Debited debit(String developerId, DebitRequest request, String idempotencyKey) {
        String grantId = required(request.grantId(), "grantId");
        BigDecimal amount = Money.positive(request.amount(), "amount");
        if (request.description() != null && request.description().length() > MAX_DESCRIPTION) {
            throw ApiException.badRequest("'description' must be at most " + MAX_DESCRIPTION + " characters");
        }
        String metadata = request.metadata() == null ? null : request.metadata().toString();
        if (metadata != null && metadata.length() > MAX_METADATA) {
            throw ApiException.badRequest("'metadata' must be at most " + MAX_METADATA + " characters of JSON");
        }
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw ApiException.badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
        Grant grant = grants.get(developerId, grantId);
        BudgetAllocation allocation = allocationOf(grantId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> insufficient("This grant has no budget allocation"));
        String requestHash = idempotencyKey == null ? null : requestHash(grantId, amount, request.description(), metadata);
        if (idempotencyKey != null) {
            // Read under the allocation's lock: a retry racing its original waits for it, then finds it.
            Optional<BudgetTransaction> earlier = transactionWithKey(developerId, idempotencyKey);
            if (earlier.isPresent()) {
                if (!earlier.get().requestHash().equals(requestHash)) {
                    throw ApiException.conflict("This Idempotency-Key was already used for a different debit");
                }
                return new Debited(DebitView.of(earlier.get()), true);
            }
        }
        Instant now = clock.instant();
        if (!grant.usable(now) || allocation.closedAt() != null) {
            throw grantInactive();
        }
        if (allocation.remainingBudget().compareTo(amount) < 0) {
            throw insufficient("Insufficient budget: " + Money.format(allocation.remainingBudget()) + " "
                    + allocation.currency() + " remaining, " + Money.format(amount) + " requested");
        }
        allocation.debit(amount, now);
        BudgetTransaction transaction = new BudgetTransaction(Ids.newId("btx"), allocation, amount,
                request.description(), metadata, idempotencyKey, requestHash, now);
        em.persist(transaction);
        announceCrossings(allocation);
        return new Debited(DebitView.of(transaction), false);
    }

    /** The alerts are events of the debit's own transaction: they exist exactly when the debit does. */
    private void announceCrossings(BudgetAllocation allocation) {
        for (int pct : BudgetAlerts.crossed(allocation.initialBudget(), allocation.remainingBudget(), allocation.alertedPct())) {
            if (pct == BudgetAlerts.EXHAUSTED) {
                events.record(allocation.developerId(), EventType.BUDGET_EXHAUSTED, Jsonp.objectBuilder()
                        .add("grantId", allocation.grantId()).add("remaining", "0").build());
            } else {
                events.record(allocation.developerId(), EventType.BUDGET_THRESHOLD, Jsonp.objectBuilder()
                        .add("grantId", allocation.grantId()).add("pct", pct)
                        .add("remaining", Money.format(allocation.remainingBudget())).build());
            }
            allocation.alerted(pct);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AllocationView balance(String developerId, String grantId) {
        return allocationOf(grantId, LockModeType.NONE).filter(a -> a.developerId().equals(developerId))
                .map(AllocationView::of).orElseThrow(() -> ApiException.notFound("No budget allocation for this grant"));
    }

    /**
     * Hands the developer's allocations, newest first, to {@code each} a page at a time (one per
     * grant, so a long-lived developer has more than the heap holds as one list).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void allocations(String developerId, Consumer<BudgetAllocation> each) {
        TypedQuery<BudgetAllocation> query = em.createQuery("SELECT a FROM BudgetAllocation a WHERE a.developerId = :dev "
                        + "AND a.createdAt <= :keyTime AND (a.createdAt < :keyTime OR a.id < :keyId) "
                        + "ORDER BY a.createdAt DESC, a.id DESC", BudgetAllocation.class)
                .setParameter("dev", developerId);
        KeysetPages.forEach(em, query, LIST_PAGE, KeysetPages.AFTER_ALL, BudgetAllocation::createdAt,
                BudgetAllocation::id, each);
    }

    /** The grant's debits, newest first; 404 when the grant is not the developer's. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public TransactionPage transactions(String developerId, String grantId, int page, int pageSize) {
        grants.get(developerId, grantId);
        long total = em.createQuery("SELECT COUNT(t) FROM BudgetTransaction t WHERE t.grantId = :grant "
                + "AND t.developerId = :dev", Long.class).setParameter("grant", grantId).setParameter("dev", developerId)
                .getSingleResult();
        List<TransactionView> rows = em.createQuery("SELECT t FROM BudgetTransaction t WHERE t.grantId = :grant "
                        + "AND t.developerId = :dev ORDER BY t.createdAt DESC, t.id DESC", BudgetTransaction.class)
                .setParameter("grant", grantId).setParameter("dev", developerId)
                .setFirstResult((page - 1) * pageSize).setMaxResults(pageSize).getResultList().stream()
                .map(t -> new TransactionView(t.id(), t.grantId(), t.allocationId(), Money.format(t.amount()),
                        t.description(), t.metadata() == null ? null : Jsonp.strictObject(t.metadata()),
                        Timestamps.format(t.createdAt())))
                .toList();
        return new TransactionPage(rows, total);
    }

    /** The grant's open budget, if it has one: what remains of it and in which currency. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<BudgetAllocation> openBudget(String grantId) {
        return em.createQuery("SELECT a FROM BudgetAllocation a WHERE a.grantId = :grant AND a.closedAt IS NULL",
                        BudgetAllocation.class)
                .setParameter("grant", grantId).getResultList().stream().findFirst();
    }

    /** What remains of the grant's open budget, for the bdg claim of the tokens issued for it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<BigDecimal> remainingOf(String grantId) {
        return em.createQuery("SELECT a.remainingBudget FROM BudgetAllocation a WHERE a.grantId = :grant "
                        + "AND a.closedAt IS NULL", BigDecimal.class)
                .setParameter("grant", grantId).getResultList().stream().findFirst();
    }

    /**
     * On the expiry sweep's persistent timer: the budgets of grants that were revoked or have expired
     * are closed, each announced with what was left of it (budget.closed).
     */
    void closeInactive(@Observes ExpirySweep sweep) {
        List<Object[]> due;
        do {
            due = em.createQuery("SELECT a.id, g.status FROM BudgetAllocation a, Grant g WHERE g.id = a.grantId "
                            + "AND a.closedAt IS NULL AND (g.status <> :active OR g.expiresAt <= :now)", Object[].class)
                    .setParameter("active", Grant.ACTIVE).setParameter("now", sweep.now())
                    .setMaxResults(CLOSING_BATCH).getResultList();
            for (Object[] row : due) {
                BudgetAllocation allocation = em.find(BudgetAllocation.class, row[0], LockModeType.PESSIMISTIC_WRITE);
                String reason = Grant.REVOKED.equals(row[1]) ? BudgetAllocation.CLOSED_REVOKED : BudgetAllocation.CLOSED_EXPIRED;
                allocation.close(reason, sweep.now());
                events.record(allocation.developerId(), EventType.BUDGET_CLOSED, Jsonp.objectBuilder()
                        .add("grantId", allocation.grantId()).add("allocationId", allocation.id())
                        .add("remaining", Money.format(allocation.remainingBudget()))
                        .add("currency", allocation.currency()).add("reason", reason).build());
            }
            em.flush();
        } while (due.size() == CLOSING_BATCH);
    }

    /** Deleting an agent's grants removes their budgets and ledgers first. */
    void deleteWithGrants(@Observes GrantsDeleting deleting) {
        IdSlices.forEach(deleting.expiryByGrantId().keySet(), ids -> {
            em.createQuery("DELETE FROM BudgetTransaction t WHERE t.grantId IN :ids").setParameter("ids", ids).executeUpdate();
            em.createQuery("DELETE FROM BudgetAllocation a WHERE a.grantId IN :ids").setParameter("ids", ids).executeUpdate();
        });
    }

    private Optional<BudgetAllocation> allocationOf(String grantId, LockModeType lock) {
        return em.createQuery("SELECT a FROM BudgetAllocation a WHERE a.grantId = :grant", BudgetAllocation.class)
                .setParameter("grant", grantId).setLockMode(lock).getResultList().stream().findFirst();
    }

    private Optional<BudgetTransaction> transactionWithKey(String developerId, String key) {
        return em.createQuery("SELECT t FROM BudgetTransaction t WHERE t.developerId = :dev AND t.idempotencyKey = :key",
                BudgetTransaction.class).setParameter("dev", developerId).setParameter("key", key)
                .getResultList().stream().findFirst();
    }

    private static String requestHash(String grantId, BigDecimal amount, String description, String metadata) {
        JsonObjectBuilder request = Jsonp.objectBuilder().add("grantId", grantId).add("amount", Money.format(amount));
        if (description != null) {
            request.add("description", description);
        }
        if (metadata != null) {
            request.add("metadata", metadata);
        }
        return Hashes.sha256Hex(request.build().toString());
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("'" + field + "' is required");
        }
        return value;
    }

    private static ApiException grantInactive() {
        return new ApiException(409, "GRANT_INACTIVE", "The grant was revoked or has expired");
    }

    private static ApiException insufficient(String message) {
        return new ApiException(402, "INSUFFICIENT_BUDGET", message);
    }
}
