package dev.grantex.platform.ratelimit;

/** Counts hits in fixed time windows, shared by every node when Redis is configured. */
public interface WindowCounter {
    /**
     * Adds one hit to {@code key} in window number {@code window} and returns the window's count.
     *
     * @throws CounterUnavailableException when the shared store cannot be reached (Redis's counter only)
     */
    long increment(String key, long window, int windowSeconds);
}
