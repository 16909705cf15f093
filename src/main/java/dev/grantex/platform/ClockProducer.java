package dev.grantex.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * The one clock services read time from, so time can be controlled in tests. It ticks in whole
 * milliseconds, the precision timestamps are stored, compared and shown with, so an instant read
 * from it equals itself after a round trip through the database.
 */
@ApplicationScoped
public class ClockProducer {
    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.tickMillis(ZoneOffset.UTC);
    }
}
