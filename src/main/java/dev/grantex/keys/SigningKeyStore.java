package dev.grantex.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads and writes signing keys, each operation its own transaction. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class SigningKeyStore {
    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    /** Active keys first, then retired keys still published at {@code now}, most recently retired first. */
    public List<SigningKey> publishable(Instant now) {
        return em.createQuery("SELECT k FROM SigningKey k WHERE k.activeSlot IS NOT NULL OR k.publishUntil > :now "
                        + "ORDER BY CASE WHEN k.activeSlot IS NULL THEN 1 ELSE 0 END, k.retiredAt DESC, k.createdAt DESC",
                        SigningKey.class)
                .setParameter("now", now).getResultList();
    }

    public Optional<SigningKey> find(String kid) {
        return Optional.ofNullable(em.find(SigningKey.class, kid));
    }

    /** Inserts a key as the active one; fails on the active-slot constraint if another node won. */
    public void insertActive(SigningKey key) {
        em.persist(key);
        em.flush();
    }

    /**
     * Retires the active key of the algorithm (if any) and makes {@code replacement} active,
     * atomically; a replacement already stored (a configured key used before) is re-activated.
     */
    public void replaceActive(String algorithm, SigningKey replacement, Instant now, Instant keepPublishedUntil) {
        em.createQuery("SELECT k FROM SigningKey k WHERE k.activeSlot = :alg", SigningKey.class)
                .setParameter("alg", algorithm)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .forEach(current -> current.retire(now, keepPublishedUntil));
        em.flush();
        SigningKey stored = em.find(SigningKey.class, replacement.kid(), LockModeType.PESSIMISTIC_WRITE);
        if (stored == null) {
            em.persist(replacement);
        } else {
            stored.activate();
        }
    }
}
