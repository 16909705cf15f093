package dev.grantex.platform.ratelimit;

/** The shared counter store (Redis) did not answer. */
public class CounterUnavailableException extends RuntimeException {
    public CounterUnavailableException(Throwable cause) {
        super("Rate-limit store unavailable", cause);
    }
}
