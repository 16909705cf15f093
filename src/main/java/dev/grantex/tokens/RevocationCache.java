package dev.grantex.tokens;

import dev.grantex.grants.GrantsRevoked;
import dev.grantex.platform.RedisConnection;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Revocations in Redis, so online verification needs no database read. The database stays the
 * truth; this cache answers only when it can be trusted, and otherwise says so (empty), sending the
 * caller to the database:
 * <ul>
 * <li>Revocation keys are written inside the revoking transaction, before it commits. When Redis
 *     cannot take them they go to the revocation outbox in that same transaction, and no node trusts
 *     Redis until the outbox has been written out (each node checks the outbox at most once a second).</li>
 * <li>Redis may lose everything (a restart without persistence, a flush). A "primed" marker is set
 *     only after every live revocation was loaded from the database; without it the cache does not
 *     answer, and one node re-primes.</li>
 * <li>Without GRANTEX_REDIS_URL the cache never answers: a second node could not see this one's memory.</li>
 * </ul>
 * Redis must not evict keys on its own (maxmemory-policy noeviction).
 * <p>One narrow case is not closed: if Redis is emptied while a revoking transaction is open (its keys
 * written, not yet committed) and a re-prime reads the database before that commit, the cache lacks
 * that revocation until it expires. Closing it needs a prime generation checked at commit.
 */
@ApplicationScoped
public class RevocationCache {
    static final String PRIMED = "grantex:revocations:primed";
    private static final String PRIMING_LOCK = "grantex:revocations:priming";
    private static final long OUTBOX_CHECK_MILLIS = 1000;
    private static final Logger LOG = Logger.getLogger(RevocationCache.class.getName());

    @Inject
    RedisConnection redis;

    @Inject
    RevocationStore store;

    @Inject
    Clock clock;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private final AtomicBoolean priming = new AtomicBoolean();
    private volatile ScheduledFuture<?> outboxChecks;
    private volatile boolean outboxPending = true;

    public static String tokenKey(String jti) {
        return "revoked:tok:" + jti;
    }

    public static String grantKey(String grantId) {
        return "revoked:grant:" + grantId;
    }

    void primeAtStart(@Observes Startup startup) {
        if (redis.configured()) {
            prime();
            outboxChecks = scheduler.scheduleWithFixedDelay(this::checkOutbox, OUTBOX_CHECK_MILLIS, OUTBOX_CHECK_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stopOutboxChecks() {
        if (outboxChecks != null) {
            outboxChecks.cancel(false);
        }
    }

    /** Records revoked grants, in the revoking transaction. */
    void grantsRevoked(@Observes GrantsRevoked revoked) {
        Map<String, Instant> keys = new LinkedHashMap<>();
        revoked.expiryByGrantId().forEach((grantId, expiresAt) -> keys.put(grantKey(grantId), expiresAt));
        record(keys);
    }

    /** Records revocation keys (with the expiry of what they revoke), in the revoking transaction. */
    public void record(Map<String, Instant> keys) {
        if (!redis.configured() || keys.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        if (redis.available()) {
            try {
                write(keys, now);
                redis.answered();
                return;
            } catch (JedisException e) {
                redis.failed(e);
            }
        }
        store.addToOutbox(keys, now);
        outboxPending = true;
    }

    /** Whether the token or its grant is revoked, or empty when the cache cannot answer for certain. */
    public Optional<Boolean> revoked(String jti, String grantId) {
        if (!redis.configured() || outboxPending() || !redis.available()) {
            return Optional.empty();
        }
        try {
            List<String> values = redis.client().mget(PRIMED, tokenKey(jti), grantKey(grantId));
            redis.answered();
            if (values.get(0) == null) {
                prime();
                return Optional.empty();
            }
            return Optional.of(values.get(1) != null || values.get(2) != null);
        } catch (JedisException e) {
            redis.failed(e);
            return Optional.empty();
        }
    }

    private boolean outboxPending() {
        return outboxPending;
    }

    /** Writes waiting revocations to Redis and removes them from the outbox; once a second per node, on a scheduled thread. */
    synchronized void checkOutbox() {
        if (!redis.available()) {
            outboxPending = true;
            return;
        }
        long now = clock.millis();
        try {
            List<RevocationOutboxEntry> entries = store.outbox(1000);
            if (!entries.isEmpty()) {
                Map<String, Instant> keys = new LinkedHashMap<>();
                entries.forEach(entry -> keys.put(entry.key(), entry.expiresAt()));
                write(keys, Instant.ofEpochMilli(now));
                store.removeFromOutbox(List.copyOf(keys.keySet()));
                entries = store.outbox(1);
            }
            outboxPending = !entries.isEmpty();
        } catch (RuntimeException e) {
            outboxPending = true;
        }
    }

    /**
     * Loads every live revocation from the database into Redis, then sets the marker. One node at a
     * time (a Redis lock), one thread per node; the others keep using the database meanwhile.
     */
    private void prime() {
        if (!priming.compareAndSet(false, true)) {
            return;
        }
        try {
            JedisPooled client = redis.client();
            String owner = UUID.randomUUID().toString();
            if (!"OK".equals(client.set(PRIMING_LOCK, owner, SetParams.setParams().nx().ex(120)))) {
                return;
            }
            try {
                Instant now = clock.instant();
                Map<String, Instant> live = store.liveRevocations(now);
                write(live, now);
                client.set(PRIMED, Long.toString(now.toEpochMilli()));
                LOG.info("Revocation cache primed with " + live.size() + " revocations");
            } finally {
                if (owner.equals(client.get(PRIMING_LOCK))) {
                    client.del(PRIMING_LOCK);
                }
            }
        } catch (RuntimeException e) {
            LOG.warning("Could not prime the revocation cache; verification reads the database: " + e);
        } finally {
            priming.set(false);
        }
    }

    private void write(Map<String, Instant> keys, Instant now) {
        try (Pipeline pipeline = redis.client().pipelined()) {
            keys.forEach((key, expiresAt) -> pipeline.set(key, "1",
                    SetParams.setParams().px(Math.max(1000, expiresAt.toEpochMilli() - now.toEpochMilli()))));
            pipeline.sync();
        }
    }
}
