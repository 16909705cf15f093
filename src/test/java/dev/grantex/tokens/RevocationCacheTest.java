package dev.grantex.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.grantex.platform.RedisConnections;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * The cache's rules when Redis fails during a revocation, against the real local Redis (database 13)
 * and a closed port. The database side is an in-memory stand-in (InMemoryStore), because this test
 * is about the cache's decisions, not about SQL.
 */
class RevocationCacheTest {
    private static final String DEAD_REDIS = "redis://127.0.0.1:1/13";

    /** Stand-in for RevocationStore: the outbox and the live revocations as plain maps. */
    static final class InMemoryStore extends RevocationStore {
        final Map<String, Instant> outbox = new HashMap<>();
        final Map<String, Instant> live = new HashMap<>();

        @Override
        public Map<String, Instant> liveRevocations(Instant now) {
            return new HashMap<>(live);
        }

        @Override
        public void addToOutbox(Map<String, Instant> keys, Instant now) {
            outbox.putAll(keys);
            live.putAll(keys);
        }

        @Override
        public List<RevocationOutboxEntry> outbox(int max) {
            List<RevocationOutboxEntry> entries = new ArrayList<>();
            outbox.forEach((key, expiry) -> entries.add(new RevocationOutboxEntry(key, expiry, expiry)));
            return entries;
        }

        @Override
        public void removeFromOutbox(List<String> keys) {
            keys.forEach(outbox::remove);
        }
    }

    private final AtomicLong millis = new AtomicLong(Instant.parse("2026-11-23T10:00:00Z").toEpochMilli());
    private final InMemoryStore store = new InMemoryStore();

    private RevocationCache cache(String url) {
        RevocationCache cache = new RevocationCache();
        cache.redis = RedisConnections.to(url);
        cache.store = store;
        cache.clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.get());
            }
        };
        return cache;
    }

    @Test
    void aRevocationRedisCannotTakeGoesToTheOutboxAndTheCacheStopsAnswering() {
        RevocationCache unreachable = cache(DEAD_REDIS);
        Instant expiry = Instant.ofEpochMilli(millis.get()).plusSeconds(3600);
        unreachable.record(Map.of(RevocationCache.grantKey("grnt_1"), expiry));
        assertEquals(Map.of("revoked:grant:grnt_1", expiry), store.outbox);
        assertEquals(Optional.empty(), unreachable.revoked("tok_1", "grnt_1"));
    }

    @Test
    void onceRedisAnswersTheOutboxIsWrittenOutAndTheCacheAnswersAgain() {
        assumeTrue(RedisConnections.liveRunning(), "no Redis on 127.0.0.1:6379");
        try (JedisPooled redis = RedisConnections.live()) {
            redis.flushDB();
        }
        Instant expiry = Instant.ofEpochMilli(millis.get()).plusSeconds(3600);
        store.addToOutbox(Map.of(RevocationCache.grantKey("grnt_2"), expiry), expiry);
        RevocationCache cache = cache(RedisConnections.LIVE);

        assertEquals(Optional.empty(), cache.revoked("tok_2", "grnt_2"), "outbox pending: not trusted");
        cache.checkOutbox(); // what the node's scheduler does every second
        assertTrue(store.outbox.isEmpty());
        assertEquals(Optional.empty(), cache.revoked("tok_2", "grnt_2"), "outbox written, not yet primed");
        assertEquals(Optional.of(true), cache.revoked("tok_2", "grnt_2"), "primed now, and the revocation is in Redis");
        assertEquals(Optional.of(false), cache.revoked("tok_3", "grnt_3"));

        try (JedisPooled redis = RedisConnections.live()) {
            long ttl = redis.pttl("revoked:grant:grnt_2");
            assertTrue(ttl > 3_500_000 && ttl <= 3_600_000, "expires with the grant: " + ttl);
            redis.flushDB();
        }
        assertEquals(Optional.empty(), cache.revoked("tok_2", "grnt_2"), "emptied Redis: not trusted until primed");
        assertEquals(Optional.of(true), cache.revoked("tok_2", "grnt_2"), "re-primed from the database");
    }
}
