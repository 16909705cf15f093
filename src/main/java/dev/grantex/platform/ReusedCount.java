package dev.grantex.platform;

import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * A count for a gauge that is costly to take (a database scan): a scrape reuses a count younger than
 * 30 seconds, and one that fails shows the last count.
 */
public final class ReusedCount {
    private static final Logger LOG = Logger.getLogger(ReusedCount.class.getName());
    private static final long REUSE_MILLIS = 30_000;

    private final Clock clock;
    private final LongSupplier counting;
    private long count;
    private long countedAt = -REUSE_MILLIS;

    public ReusedCount(Clock clock, LongSupplier counting) {
        this.clock = clock;
        this.counting = counting;
    }

    public synchronized long current() {
        long now = clock.millis();
        if (now - countedAt >= REUSE_MILLIS) {
            try {
                count = counting.getAsLong();
                countedAt = now;
            } catch (PersistenceException e) {
                LOG.fine("Not counted now: " + e);
            }
        }
        return count;
    }
}
