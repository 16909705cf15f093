package dev.grantex.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Values a node keeps so as not to work them out again, at most {@code limit} of them: when that
 * many are kept, the next one starts the cache afresh. Clearing costs one round of misses and keeps
 * every read as cheap as a plain concurrent map's, which the hot paths that use it (API keys on every
 * request, token checks at verify) need more than they need the best entries to survive.
 */
public final class BoundedCache<K, V> {
    private final int limit;
    private final Map<K, V> entries = new ConcurrentHashMap<>();

    public BoundedCache(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("A cache keeps at least one value");
        }
        this.limit = limit;
    }

    /** The value kept for the key, or null. */
    public V get(K key) {
        return entries.get(key);
    }

    public void put(K key, V value) {
        if (entries.size() >= limit) {
            entries.clear();
        }
        entries.put(key, value);
    }

    public void removeValuesIf(Predicate<? super V> stale) {
        entries.values().removeIf(stale);
    }

    public void clear() {
        entries.clear();
    }
}
