package dev.grantex.webhooks;

import dev.grantex.platform.Ids;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The delivery rows' life: leasing due rows to this node, and recording each attempt's outcome.
 * A lease moves a row's next attempt past the end of the attempt; an outcome is only recorded under
 * the lease it was made under, so a node that lost its lease (it paused longer than the lease) cannot
 * overwrite what another node recorded since.
 */
@ApplicationScoped
public class WebhookDeliveries {
    /** Long enough for an attempt (10 s) and its recording, with room for a slow node. */
    static final Duration LEASE = Duration.ofSeconds(60);
    private static final long FIRST_BACKOFF_SECONDS = 30;
    private static final int MAX_ERROR_LENGTH = 1024;

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    WebhookSecrets secrets;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile Boolean postgres;

    /**
     * Leases up to {@code limit} due rows to this node, oldest first, leaving out the rows of the
     * developers named: SKIP LOCKED on PostgreSQL, compare-and-set on Derby.
     */
    @Transactional
    public List<WebhookAttempt> leaseDue(int limit, Set<String> leftOut) {
        Instant now = clock.instant();
        String token = Ids.newId("lease");
        long leasedUntil = now.plus(LEASE).toEpochMilli();
        String due = "status = 'pending' AND next_attempt_at <= ?" + (leftOut.isEmpty() ? ""
                : " AND developer_id NOT IN (" + String.join(", ", Collections.nCopies(leftOut.size(), "?")) + ")");
        List<String> ids = new ArrayList<>();
        if (postgres()) {
            Query lease = em.createNativeQuery("UPDATE webhook_deliveries SET next_attempt_at = ?, lease_token = ? WHERE id IN "
                            + "(SELECT id FROM webhook_deliveries WHERE " + due
                            + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id")
                    .setParameter(1, leasedUntil).setParameter(2, token);
            int next = dueParameters(lease, 3, now, leftOut);
            for (Object id : lease.setParameter(next, limit).getResultList()) {
                ids.add((String) id);
            }
        } else {
            Query select = em.createNativeQuery("SELECT id FROM webhook_deliveries WHERE " + due + " ORDER BY next_attempt_at");
            dueParameters(select, 1, now, leftOut);
            for (Object id : select.setMaxResults(limit).getResultList()) {
                int leased = em.createNativeQuery("UPDATE webhook_deliveries SET next_attempt_at = ?, lease_token = ? "
                                + "WHERE id = ? AND status = 'pending' AND next_attempt_at <= ?")
                        .setParameter(1, leasedUntil).setParameter(2, token).setParameter(3, id)
                        .setParameter(4, now.toEpochMilli()).executeUpdate();
                if (leased == 1) {
                    ids.add((String) id);
                }
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        // By id rather than by lease token, which no index serves: every index on this table is written
        // again whenever a delivery changes state, and the lease token changes with every attempt.
        List<WebhookDelivery> leased = em.createQuery("SELECT d FROM WebhookDelivery d WHERE d.id IN :ids",
                WebhookDelivery.class).setParameter("ids", ids).getResultList();
        List<WebhookAttempt> attempts = new ArrayList<>();
        List<String> ofDeletedWebhooks = new ArrayList<>();
        for (WebhookDelivery delivery : leased) {
            String sealed = sealedSecretOf(delivery);
            if (sealed != null) {
                attempts.add(new WebhookAttempt(delivery.id(), delivery.developerId(), token, now.plus(LEASE), delivery.url(),
                        delivery.payload(), delivery.signature(), secrets.open(sealed)));
            } else {
                ofDeletedWebhooks.add(delivery.id());
            }
        }
        if (!ofDeletedWebhooks.isEmpty()) {
            em.createQuery("UPDATE WebhookDelivery d SET d.status = :failed, d.lastError = :error, d.leaseToken = NULL "
                            + "WHERE d.id IN :ids")
                    .setParameter("failed", WebhookDelivery.FAILED).setParameter("error", "The webhook was deleted")
                    .setParameter("ids", ofDeletedWebhooks).executeUpdate();
        }
        return attempts;
    }

    /** Sets the parameters of the due rows' condition from {@code first} on; answers the next parameter's position. */
    private static int dueParameters(Query query, int first, Instant now, Set<String> leftOut) {
        int position = first;
        query.setParameter(position++, now.toEpochMilli());
        for (String developerId : leftOut) {
            query.setParameter(position++, developerId);
        }
        return position;
    }

    /** The delivery's own sealed secret (an alert channel's) or its webhook's; null once the webhook is deleted. */
    private String sealedSecretOf(WebhookDelivery delivery) {
        if (delivery.sealedSecret() != null) {
            return delivery.sealedSecret();
        }
        // A webhook found once is found again in the transaction's persistence context, without a query.
        Webhook webhook = em.find(Webhook.class, delivery.webhookId());
        return webhook == null ? null : webhook.sealedSecret();
    }

    /** Gives up the target's pending deliveries: they are marked failed with the reason and not attempted again. */
    @Transactional
    public void abandonPending(String targetId, String reason) {
        em.createQuery("UPDATE WebhookDelivery d SET d.status = :failed, d.lastError = :error, d.leaseToken = NULL "
                        + "WHERE d.webhookId = :target AND d.status = :pending")
                .setParameter("failed", WebhookDelivery.FAILED).setParameter("error", reason)
                .setParameter("target", targetId).setParameter("pending", WebhookDelivery.PENDING).executeUpdate();
    }

    /**
     * Records successful attempts (any 2xx), many in one statement, each row only while it is still
     * pending under one of this batch's leases. A row that this node leased again after an earlier
     * lease of it ran out may be recorded by the earlier attempt's success: it was delivered.
     */
    @Transactional
    public void delivered(List<WebhookAttempt> attempts) {
        int updated = underLease("d.status = :delivered, d.attempts = d.attempts + 1, d.deliveredAt = :now, "
                + "d.leaseToken = NULL, d.lastError = NULL", attempts)
                .setParameter("delivered", WebhookDelivery.DELIVERED).setParameter("now", clock.instant())
                .executeUpdate();
        count("delivered", updated);
    }

    /**
     * Hands back leased rows that their node will not attempt (it had no room, or it is stopping): due
     * again at once, for the next lease on any node, rather than when their leases run out. Rows no
     * longer under these leases are left as they are.
     */
    @Transactional
    public void handBack(List<WebhookAttempt> attempts) {
        underLease("d.nextAttemptAt = :now, d.leaseToken = NULL", attempts)
                .setParameter("now", clock.instant()).executeUpdate();
    }

    /** An update of the attempts' rows, each only while it is still pending under the lease it was made under. */
    private Query underLease(String assignments, List<WebhookAttempt> attempts) {
        return em.createQuery("UPDATE WebhookDelivery d SET " + assignments
                        + " WHERE d.id IN :ids AND d.leaseToken IN :leases AND d.status = :pending")
                .setParameter("ids", attempts.stream().map(WebhookAttempt::deliveryId).toList())
                .setParameter("leases", attempts.stream().map(WebhookAttempt::leaseToken).distinct().toList())
                .setParameter("pending", WebhookDelivery.PENDING);
    }

    /** Records a failed attempt: retried after 30 s, 60 s, 120 s, 240 s, then failed for good. */
    @Transactional
    public void attemptFailed(WebhookAttempt attempt, String error) {
        WebhookDelivery delivery = leasedRow(attempt);
        if (delivery != null) {
            String lastError = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
            delivery.markAttemptFailed(lastError, clock.instant(), backoff(delivery.attempts() + 1));
            count(WebhookDelivery.FAILED.equals(delivery.status()) ? "failed" : "retrying", 1);
        }
    }

    /**
     * grantex_webhook_deliveries_total{outcome="delivered|retrying|failed"}: attempts by how they ended.
     * Registered when the bean is made, which is as the application starts, so the counters are on
     * /metrics before anything was delivered, and there for the retry timer, which can fire before the
     * Startup event (found restarting a node with deliveries due); looked up once rather than on every
     * recorded batch.
     */
    @PostConstruct
    void registerCounters() {
        Metadata metadata = Metadata.builder().withName("grantex_webhook_deliveries")
                .withDescription("Webhook delivery attempts by outcome: delivered, retrying (failed, to be retried) or failed (for good)")
                .build();
        for (String outcome : new String[]{"delivered", "retrying", "failed"}) {
            counters.put(outcome, metrics.counter(metadata, new Tag("outcome", outcome)));
        }
    }

    /** Observed so that the bean, and so its counters, is made as the application starts. */
    void startWithTheApplication(@Observes Startup startup) {
    }

    private void count(String outcome, long attempts) {
        counters.get(outcome).inc(attempts);
    }

    /** The wait after the n-th failed attempt: 30·2^(n−1) seconds. */
    static Duration backoff(int failedAttempts) {
        return Duration.ofSeconds(FIRST_BACKOFF_SECONDS << Math.max(0, failedAttempts - 1));
    }

    private WebhookDelivery leasedRow(WebhookAttempt attempt) {
        WebhookDelivery delivery = em.find(WebhookDelivery.class, attempt.deliveryId(), LockModeType.PESSIMISTIC_WRITE);
        boolean stillOurs = delivery != null && WebhookDelivery.PENDING.equals(delivery.status())
                && attempt.leaseToken().equals(delivery.leaseToken());
        return stillOurs ? delivery : null;
    }

    private boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            try {
                known = em.unwrap(Connection.class).getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot tell which database holds the webhook deliveries", e);
            }
            postgres = known;
        }
        return known;
    }
}
