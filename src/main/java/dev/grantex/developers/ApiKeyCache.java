package dev.grantex.developers;

import dev.grantex.events.EventRelay;
import dev.grantex.events.NodeSignal;
import dev.grantex.platform.BoundedCache;
import dev.grantex.platform.Caller;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Startup;
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
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Accepted API keys, by hash, so that an authenticated request does not read the database. A key
 * rotated on this node is forgotten at once, and every other node is told through the event relay
 * to forget it too, so it stops working everywhere at once. As the fallback for when Redis is away,
 * every node also asks the database once a second (on a scheduled thread, not on requests) which
 * developers rotated their key recently, and forgets their old keys. Unknown keys are never cached.
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

    private final BoundedCache<String, Entry> byKeyHash = new BoundedCache<>(MAX_ENTRIES);
    private static final String ROTATED_SIGNAL = "api-key-rotated";
    private volatile ScheduledFuture<?> polling;

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    EventRelay relay;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    /** The cached entry for the key hash, or what {@code load} finds (cached when found). */
    Optional<Caller> get(String keyHash, Supplier<Optional<Entry>> load) {
        Entry cached = byKeyHash.get(keyHash);
        if (cached != null) {
            return Optional.of(cached.caller());
        }
        Optional<Entry> loaded = load.get();
        loaded.ifPresent(entry -> byKeyHash.put(keyHash, entry));
        return loaded.map(Entry::caller);
    }

    void startPolling(@Observes Startup startup) {
        polling = scheduler.scheduleWithFixedDelay(this::forgetRotatedKeys, POLL_INTERVAL_MILLIS, POLL_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopPolling() {
        if (polling != null) {
            polling.cancel(false);
        }
    }

    /** Forgets the developer's keys on this node once the rotating transaction has ended, and tells the others. */
    void forgetRotated(@Observes(during = TransactionPhase.AFTER_COMPLETION) ApiKeyRotated rotated) {
        forget(rotated.developerId());
        relay.signal(ROTATED_SIGNAL, rotated.developerId());
    }

    void forgetRotatedElsewhere(@Observes NodeSignal signal) {
        if (ROTATED_SIGNAL.equals(signal.topic())) {
            forget(signal.payload());
        }
    }

    private void forget(String developerId) {
        byKeyHash.removeValuesIf(entry -> entry.caller().developerId().equals(developerId));
    }

    private void forgetRotatedKeys() {
        long now = clock.millis();
        try {
            List<Object[]> rotated = em.createQuery("SELECT d.id, d.keyRotatedAt FROM Developer d "
                            + "WHERE d.keyRotatedAt > :since", Object[].class)
                    .setParameter("since", Instant.ofEpochMilli(now).minus(LOOK_BACK)).getResultList();
            for (Object[] row : rotated) {
                byKeyHash.removeValuesIf(entry -> entry.caller().developerId().equals(row[0])
                        && !Objects.equals(entry.keyRotatedAt(), row[1]));
            }
        } catch (RuntimeException e) {
            // Without knowing about rotations, no cached key can be trusted.
            LOG.log(Level.WARNING, "Could not check for rotated API keys; dropping the key cache", e);
            byKeyHash.clear();
        }
    }
}
