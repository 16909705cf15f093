package dev.grantex.developers;

import dev.grantex.platform.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Accepted API keys, by hash, so that an authenticated request does not read the database. A key
 * rotated on this node is forgotten at once; every node also asks the database, at most once a
 * second, which developers rotated their key recently, and forgets their old keys. So a rotated key
 * stops working on every node within about a second. Unknown keys are never cached.
 */
@ApplicationScoped
public class ApiKeyCache {
    private static final Logger LOG = Logger.getLogger(ApiKeyCache.class.getName());
    static final long POLL_INTERVAL_MILLIS = 1000;
    /** How far back each poll looks: generous, so that skewed clocks between nodes do not hide a rotation. */
    private static final Duration LOOK_BACK = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 100_000;

    /** A developer as its key authenticated it, with when that key replaced the previous one. */
    record Entry(Caller caller, Instant keyRotatedAt) {
    }

    private final Map<String, Entry> byKeyHash = new ConcurrentHashMap<>();
    private final AtomicLong nextPoll = new AtomicLong();

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    /** The cached entry for the key hash, or what {@code load} finds (cached when found). */
    Optional<Caller> get(String keyHash, Supplier<Optional<Entry>> load) {
        forgetRotatedKeys();
        Entry cached = byKeyHash.get(keyHash);
        if (cached != null) {
            return Optional.of(cached.caller());
        }
        Optional<Entry> loaded = load.get();
        loaded.ifPresent(entry -> {
            if (byKeyHash.size() >= MAX_ENTRIES) {
                byKeyHash.clear();
            }
            byKeyHash.put(keyHash, entry);
        });
        return loaded.map(Entry::caller);
    }

    /** Forgets the developer's keys on this node once the rotating transaction has ended. */
    void forgetRotated(@Observes(during = TransactionPhase.AFTER_COMPLETION) ApiKeyRotated rotated) {
        byKeyHash.values().removeIf(entry -> entry.caller().developerId().equals(rotated.developerId()));
    }

    private void forgetRotatedKeys() {
        long now = clock.millis();
        long due = nextPoll.get();
        if (now < due || !nextPoll.compareAndSet(due, now + POLL_INTERVAL_MILLIS)) {
            return;
        }
        try {
            List<Object[]> rotated = em.createQuery("SELECT d.id, d.keyRotatedAt FROM Developer d "
                            + "WHERE d.keyRotatedAt > :since", Object[].class)
                    .setParameter("since", Instant.ofEpochMilli(now).minus(LOOK_BACK)).getResultList();
            for (Object[] row : rotated) {
                byKeyHash.values().removeIf(entry -> entry.caller().developerId().equals(row[0])
                        && !Objects.equals(entry.keyRotatedAt(), row[1]));
            }
        } catch (RuntimeException e) {
            // Without knowing about rotations, no cached key can be trusted.
            LOG.log(Level.WARNING, "Could not check for rotated API keys; dropping the key cache", e);
            byKeyHash.clear();
        }
    }
}
