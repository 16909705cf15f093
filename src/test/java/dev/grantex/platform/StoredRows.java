package dev.grantex.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Test-only bean of the in-container deployment (TimersInContainerIT): writes and counts rows of the
 * tables the expiry sweep cleans, with the dates a test needs (which no public route can set), and
 * reads the rows the usage rollup writes.
 */
@ApplicationScoped
public class StoredRows {
    @PersistenceContext
    EntityManager em;

    @Transactional
    public void insertEvent(String id, String developerId, Instant createdAt) {
        em.createNativeQuery("INSERT INTO events (id, developer_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?)")
                .setParameter(1, id).setParameter(2, developerId).setParameter(3, "grant.created")
                .setParameter(4, "{}").setParameter(5, createdAt.toEpochMilli()).executeUpdate();
    }

    /** {@code count} events of the developer, all created at {@code createdAt}, in one transaction. */
    @Transactional
    public void insertEvents(String developerId, Instant createdAt, int count) {
        for (int i = 0; i < count; i++) {
            insertEvent("evt_" + developerId + "_" + i, developerId, createdAt);
        }
    }

    public long eventsOf(String developerId) {
        return count("SELECT COUNT(*) FROM events WHERE developer_id = ?", developerId);
    }

    @Transactional
    public void insertDelivery(String id, String developerId, String status, Instant createdAt) {
        em.createNativeQuery("INSERT INTO webhook_deliveries (id, webhook_id, developer_id, event_id, event_type, "
                        + "payload, signature, url, status, attempts, max_attempts, next_attempt_at, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .setParameter(1, id).setParameter(2, "wh_gone").setParameter(3, developerId)
                .setParameter(4, "evt_" + id).setParameter(5, "grant.created").setParameter(6, "{}")
                .setParameter(7, "sha256=0").setParameter(8, "https://receiver.invalid/")
                .setParameter(9, status).setParameter(10, 1).setParameter(11, 5)
                // Far in the future, so no node's retry timer leases the pending row during the test.
                .setParameter(12, Instant.now().plusSeconds(86_400).toEpochMilli())
                .setParameter(13, createdAt.toEpochMilli()).executeUpdate();
    }

    public boolean eventExists(String id) {
        return count("SELECT COUNT(*) FROM events WHERE id = ?", id) == 1;
    }

    public boolean deliveryExists(String id) {
        return count("SELECT COUNT(*) FROM webhook_deliveries WHERE id = ?", id) == 1;
    }

    @Transactional
    public void deleteDeliveries(String developerId) {
        em.createNativeQuery("DELETE FROM webhook_deliveries WHERE developer_id = ?").setParameter(1, developerId)
                .executeUpdate();
    }

    /** The developer's usage_daily counts as "exchanges,authorizations,verifications", or null without a row. */
    public String usage(String developerId) {
        List<?> rows = em.createNativeQuery("SELECT token_exchanges, authorizations, verifications FROM usage_daily "
                + "WHERE developer_id = ?").setParameter(1, developerId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        return row[0] + "," + row[1] + "," + row[2];
    }

    private long count(String sql, String id) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, id).getSingleResult()).longValue();
    }
}
