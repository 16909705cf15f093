package dev.grantex.platform.timers;

import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Makes sure a timer bean has exactly its one persistent calendar timer. Liberty creates automatic
 * (@Schedule) persistent timers only the first time a module starts on a database, so a database an
 * earlier version used would never get a timer added since; the beans therefore create theirs when
 * it is missing, at every start. A bean's persistent timers that are not the wanted one are cancelled:
 * an older schedule, a duplicate, and the automatic timers of versions before this one (their infos
 * had spaces where these have a slash, so none of them is taken for the wanted one).
 */
@ApplicationScoped
public class PersistentSchedule {
    private static final Logger LOG = Logger.getLogger(PersistentSchedule.class.getName());

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Call in the timer bean's transaction: the lock row keeps a second node that starts at the same
     * time waiting until this one's timer is committed, so it finds the timer instead of adding one.
     */
    public void ensure(TimerService timers, String info, ScheduleExpression schedule) {
        em.createNativeQuery("UPDATE timer_schedule_lock SET checked_at = ?1 WHERE id = 1")
                .setParameter(1, clock.millis())
                .executeUpdate();
        boolean present = false;
        for (Timer timer : List.copyOf(timers.getTimers())) {
            if (!timer.isPersistent()) {
                continue;
            }
            if (!present && info.equals(timer.getInfo()) && sameSchedule(timer.getSchedule(), schedule)) {
                present = true;
            } else {
                LOG.info("Cancelling the persistent timer '" + timer.getInfo() + "' (" + describe(timer.getSchedule())
                        + "), which is not the wanted '" + info + "' (" + describe(schedule) + ")");
                timer.cancel();
            }
        }
        if (!present) {
            timers.createCalendarTimer(schedule, new TimerConfig(info, true));
            LOG.info("Created the persistent timer '" + info + "' (" + describe(schedule) + ")");
        }
    }

    private static boolean sameSchedule(ScheduleExpression a, ScheduleExpression b) {
        return describe(a).equals(describe(b)) && Objects.equals(a.getTimezone(), b.getTimezone());
    }

    private static String describe(ScheduleExpression s) {
        return "second " + s.getSecond() + ", minute " + s.getMinute() + ", hour " + s.getHour() + ", day of month "
                + s.getDayOfMonth() + ", month " + s.getMonth() + ", day of week " + s.getDayOfWeek() + ", year "
                + s.getYear();
    }
}
