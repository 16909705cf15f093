package dev.grantex.usage;

import dev.grantex.platform.timers.ScheduledJob;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every minute, on one node of the cluster (a persistent timer): yesterday's and today's usage
 * counts are moved from the shared counter into usage_daily, so the history survives losing Redis
 * and Redis holds only the last minute. Counts taken out that cannot be stored are put back.
 */
@Singleton
public class UsageRollupTimer extends ScheduledJob {
    /** The timer's info, which names it among the timers Liberty keeps in the database. */
    public static final String INFO = "grantex/usage-rollup";
    private static final Logger LOG = Logger.getLogger(UsageRollupTimer.class.getName());

    @Inject
    UsageCounter counter;

    @Inject
    UsageService usage;

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
        LocalDate today = usage.today();
        for (LocalDate day : List.of(today.minusDays(1), today)) {
            Map<String, UsageCounts> taken;
            try {
                taken = counter.take(day);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The usage rollup cannot read the shared counter; it runs again in a minute", e);
                return;
            }
            if (taken.isEmpty()) {
                continue;
            }
            try {
                usage.store(day, taken);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The usage rollup could not store " + day + "; its counts wait for the next run", e);
                counter.add(day, taken);
            }
        }
    }
}
