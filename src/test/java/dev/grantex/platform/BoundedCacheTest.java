package dev.grantex.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BoundedCacheTest {
    @Test
    void keepsWhatIsPutUntilTheLimitThenStartsAfresh() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(3);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);
        assertEquals(1, cache.get("a"));
        assertEquals(3, cache.get("c"));
        cache.put("d", 4);
        assertNull(cache.get("a"), "a full cache starts afresh");
        assertNull(cache.get("c"));
        assertEquals(4, cache.get("d"));
    }

    @Test
    void forgetsTheValuesAsked() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(10);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);
        cache.removeValuesIf(value -> value % 2 == 1);
        assertNull(cache.get("a"));
        assertEquals(2, cache.get("b"));
        assertNull(cache.get("c"));
        cache.clear();
        assertNull(cache.get("b"));
    }

    @Test
    void refusesALimitBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new BoundedCache<String, String>(0));
    }
}
