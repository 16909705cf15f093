package dev.grantex.platform.timers;

import dev.grantex.platform.storage.SchemaMigrator;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * A singleton EJB that runs on one node of the cluster on a schedule: a persistent calendar timer,
 * stored in the database, created by the bean when it is missing (see PersistentSchedule) and failing
 * over to another node when its node stops taking its turn.
 */
public abstract class ScheduledJob {
    @Resource
    TimerService timerService;

    @Inject
    PersistentSchedule schedules;

    @Inject
    SchemaMigrator schema;

    /** The timer's info, which names it among the timers Liberty keeps in the database. */
    protected abstract String info();

    protected abstract ScheduleExpression schedule();

    /** The work, outside any transaction: it opens the ones it needs. */
    protected abstract void run();

    /** Right after the schema migration (whose lock row it uses), before the application serves. */
    public void scheduleAtStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 1) Startup startup) {
        ensureScheduled();
    }

    public void ensureScheduled() {
        schedules.ensure(timerService, info(), schedule());
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void fire() {
        // Liberty runs a missed persistent timer as the server starts, possibly before the migration.
        if (schema.migrated()) {
            run();
        }
    }
}
