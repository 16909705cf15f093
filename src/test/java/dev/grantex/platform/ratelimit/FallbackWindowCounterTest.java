package dev.grantex.platform.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.platform.RedisConnection;
import dev.grantex.platform.RedisConnections;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FallbackWindowCounterTest {
    /** Stands in for Redis's counter: counts while up, throws as RedisWindowCounter does while down. */
    private static final class SwitchableCounter implements WindowCounter {
        final AtomicBoolean up = new AtomicBoolean(true);
        final AtomicInteger calls = new AtomicInteger();
        final LocalWindowCounter counts = new LocalWindowCounter();

        @Override
        public long increment(String key, long window, int windowSeconds) {
            calls.incrementAndGet();
            if (!up.get()) {
                throw new CounterUnavailableException(new IllegalStateException("connection refused"));
            }
            return counts.increment(key, window, windowSeconds);
        }
    }

    private final RedisConnection redis = RedisConnections.to("redis://127.0.0.1:1");
    private final SwitchableCounter shared = new SwitchableCounter();
    private final FallbackWindowCounter counter = new FallbackWindowCounter(redis, shared, new LocalWindowCounter());

    @Test
    void countsLocallyWhileTheSharedStoreIsDownAndAsksItOnlyOnceASecond() throws InterruptedException {
        assertEquals(1, counter.increment("k", 1, 60));
        assertTrue(redis.answering());

        shared.up.set(false);
        assertEquals(1, counter.increment("k", 1, 60), "the local count starts afresh");
        assertFalse(redis.answering());
        int callsWhenDown = shared.calls.get();
        for (int i = 2; i <= 100; i++) {
            assertEquals(i, counter.increment("k", 1, 60));
        }
        assertEquals(callsWhenDown, shared.calls.get(), "no request waits on the store while it is known down");

        shared.up.set(true);
        Thread.sleep(1100);
        assertEquals(2, counter.increment("k", 1, 60), "one probe a second finds it back");
        assertTrue(redis.answering());
    }
}
