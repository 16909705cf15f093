package dev.grantex.tokens;

import dev.grantex.grants.GrantsDeleting;
import dev.grantex.platform.storage.IdSlices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The database side of the revocation cache: what is revoked and unexpired, and the outbox. */
@ApplicationScoped
public class RevocationStore {
    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Every revoked, unexpired token and grant as revocation keys with their expiry, including those of
     * deleted grants (tombstones; expired ones are removed here).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Map<String, Instant> liveRevocations(Instant now) {
        Map<String, Instant> keys = new LinkedHashMap<>();
        em.createQuery("SELECT t.jti, t.expiresAt FROM GrantToken t WHERE t.revoked = true AND t.expiresAt > :now",
                        Object[].class)
                .setParameter("now", now).getResultStream()
                .forEach(row -> keys.put(RevocationCache.tokenKey((String) row[0]), (Instant) row[1]));
        em.createQuery("SELECT g.id, g.expiresAt FROM Grant g WHERE g.status = 'revoked' AND g.expiresAt > :now",
                        Object[].class)
                .setParameter("now", now).getResultStream()
                .forEach(row -> keys.put(RevocationCache.grantKey((String) row[0]), (Instant) row[1]));
        em.createQuery("DELETE FROM RevocationTombstone t WHERE t.expiresAt <= :now").setParameter("now", now)
                .executeUpdate();
        em.createQuery("SELECT t.key, t.expiresAt FROM RevocationTombstone t", Object[].class).getResultStream()
                .forEach(row -> keys.put((String) row[0], (Instant) row[1]));
        return keys;
    }

    /**
     * Before grants are deleted (with their agent): their tokens and refresh tokens go, and their
     * revocation is kept as tombstones until they would have expired, in the deleting transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void grantsDeleting(@Observes GrantsDeleting deleting) {
        Instant now = clock.instant();
        deleting.expiryByGrantId().forEach((grantId, expiresAt) -> {
            String key = RevocationCache.grantKey(grantId);
            if (expiresAt.isAfter(now) && em.find(RevocationTombstone.class, key) == null) {
                em.persist(new RevocationTombstone(key, expiresAt));
            }
        });
        IdSlices.forEach(deleting.expiryByGrantId().keySet(), ids -> {
            em.createQuery("DELETE FROM RefreshToken r WHERE r.grantId IN :ids").setParameter("ids", ids).executeUpdate();
            em.createQuery("DELETE FROM GrantToken t WHERE t.grantId IN :ids").setParameter("ids", ids).executeUpdate();
        });
    }

    /** Adds keys to the outbox in the caller's (revoking) transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addToOutbox(Map<String, Instant> keys, Instant now) {
        keys.forEach((key, expiresAt) -> {
            if (em.find(RevocationOutboxEntry.class, key) == null) {
                em.persist(new RevocationOutboxEntry(key, expiresAt, now));
            }
        });
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<RevocationOutboxEntry> outbox(int max) {
        return em.createQuery("SELECT e FROM RevocationOutboxEntry e", RevocationOutboxEntry.class)
                .setMaxResults(max).getResultList();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void removeFromOutbox(List<String> keys) {
        if (!keys.isEmpty()) {
            em.createQuery("DELETE FROM RevocationOutboxEntry e WHERE e.key IN :keys")
                    .setParameter("keys", keys).executeUpdate();
        }
    }
}
