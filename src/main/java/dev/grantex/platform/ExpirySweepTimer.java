package dev.grantex.platform;

import dev.grantex.platform.timers.ScheduledJob;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every minute, on one node of the cluster (a persistent timer, stored in the database): expired
 * grants and authorization requests are marked expired, and spent rows (used or expired refresh
 * tokens, finished authorization requests, old events and finished webhook deliveries) are purged.
 */
@Singleton
public class ExpirySweepTimer extends ScheduledJob {
    /** The timer's info, which names it among the timers Liberty keeps in the database. */
    public static final String INFO = "grantex/expiry-sweep";
    private static final Logger LOG = Logger.getLogger(ExpirySweepTimer.class.getName());

    @Inject
    Event<ExpirySweep> sweep;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "grantex.retention-days", defaultValue = "7")
    int retentionDays;

    @Override
    protected String info() {
        return INFO;
    }

    @Override
    protected ScheduleExpression schedule() {
        return new ScheduleExpression().hour("*").minute("*");
    }

    @Override
    protected void run() {
        Instant now = clock.instant();
        try {
            sweep.fire(new ExpirySweep(now, now.minus(Duration.ofDays(Math.max(1, retentionDays)))));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The expiry sweep failed; it runs again in a minute", e);
        }
    }
}
