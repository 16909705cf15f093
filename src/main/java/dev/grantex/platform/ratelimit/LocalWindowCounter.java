package dev.grantex.platform.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Window counters in this process, for a single node without Redis. */
public class LocalWindowCounter implements WindowCounter {
    private record Window(long number, AtomicLong hits) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private volatile long newestWindow;

    @Override
    public long increment(String key, long window, int windowSeconds) {
        if (window > newestWindow) {
            newestWindow = window;
            windows.values().removeIf(w -> w.number() < window);
        }
        Window current = windows.compute(key, (k, existing) ->
                existing != null && existing.number() >= window ? existing : new Window(window, new AtomicLong()));
        return current.hits().incrementAndGet();
    }
}
