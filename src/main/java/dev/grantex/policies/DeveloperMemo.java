package dev.grantex.policies;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * What a node keeps of each developer's policies, so that deciding does not read them on every
 * request. A change is forgotten at once ({@link #forget}, on its own node and through the Redis
 * signal on the others); should a signal be lost (Redis away), the value is read again at the latest
 * after {@link #REREAD_AFTER}. The loader is given the value it replaces (null at first), so that it
 * can keep what has not changed.
 */
final class DeveloperMemo<T> {
    static final Duration REREAD_AFTER = Duration.ofSeconds(10);

    private record Read<T>(T value, long atNanos) {
        boolean fresh(long now) {
            return now - atNanos < REREAD_AFTER.toNanos();
        }
    }

    private final BiFunction<String, T, T> loader;
    private final Map<String, Read<T>> byDeveloper = new ConcurrentHashMap<>();

    DeveloperMemo(BiFunction<String, T, T> loader) {
        this.loader = loader;
    }

    T get(String developerId) {
        long now = System.nanoTime();
        Read<T> read = byDeveloper.get(developerId);
        if (read == null || !read.fresh(now)) {
            // Reading under the map's lock for this developer: a change committed meanwhile waits for
            // the read to finish before it forgets it, so no stale read outlives the change.
            read = byDeveloper.compute(developerId, (id, old) -> old != null && old.fresh(now) ? old
                    : new Read<>(loader.apply(id, old == null ? null : old.value()), System.nanoTime()));
        }
        return read.value();
    }

    void forget(String developerId) {
        byDeveloper.remove(developerId);
    }
}
