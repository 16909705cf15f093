package dev.grantex.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.grantex.platform.RedisConnections;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** The per-developer stream slots as the nodes share them in Redis, against the real local Redis (database 13). */
class StreamSlotsTest {
    private static final String LIVE_REDIS = "redis://127.0.0.1:6379/13";

    private static StreamSlots slots(int maxConnections) {
        StreamSettings settings = new StreamSettings();
        settings.keepAliveSeconds = 1;
        settings.maxConnections = maxConnections;
        StreamSlots slots = new StreamSlots();
        slots.redis = RedisConnections.to(LIVE_REDIS);
        slots.settings = settings;
        return slots;
    }

    private static boolean liveRedisRunning() {
        try (JedisPooled redis = new JedisPooled(URI.create(LIVE_REDIS))) {
            redis.ping();
            return true;
        } catch (RuntimeException e) {
            return System.getenv("CI") != null;
        }
    }

    @Test
    void aRenewedConnectionKeepsItsSlotWhenTheSetWouldHaveExpiredSinceTheAcquire() throws InterruptedException {
        assumeTrue(liveRedisRunning(), "no Redis on 127.0.0.1:6379");
        StreamSlots slots = slots(1);
        String developer = "dev_slots_" + UUID.randomUUID();
        String key = "sse:connections:" + developer;
        try (JedisPooled redis = new JedisPooled(URI.create(LIVE_REDIS))) {
            assertTrue(slots.acquire("sse", developer, "first"));
            // As if the set's lifetime from the acquire were nearly over: renewing must extend it.
            redis.pexpire(key, 100);
            slots.renew("sse", developer, "first");
            Thread.sleep(300);
            assertFalse(slots.acquire("sse", developer, "second"), "the live connection still holds the only slot");

            slots.release("sse", developer, "first");
            assertTrue(slots.acquire("sse", developer, "second"));
            redis.del(key);
        }
    }
}
