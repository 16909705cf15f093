package dev.grantex.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.grantex.platform.RedisConnections;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** The per-developer stream slots as the nodes share them in Redis, against the real local Redis. */
class StreamSlotsTest {
    private static StreamSlots slots(int maxConnections) {
        StreamSettings settings = new StreamSettings();
        settings.keepAliveSeconds = 1;
        settings.maxConnections = maxConnections;
        StreamSlots slots = new StreamSlots();
        slots.redis = RedisConnections.to(RedisConnections.LIVE);
        slots.settings = settings;
        return slots;
    }

    @Test
    void aRenewedConnectionKeepsItsSlotWhenTheSetWouldHaveExpiredSinceTheAcquire() throws InterruptedException {
        assumeTrue(RedisConnections.liveRunning(), "no Redis on 127.0.0.1:6379");
        StreamSlots slots = slots(1);
        String developer = "dev_slots_" + UUID.randomUUID();
        String key = "sse:connections:" + developer;
        try (JedisPooled redis = RedisConnections.live()) {
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
