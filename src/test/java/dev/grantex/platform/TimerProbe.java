package dev.grantex.platform;

import jakarta.annotation.PreDestroy;
import dev.grantex.platform.timers.PersistentSchedule;
import jakarta.annotation.Resource;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Test-only bean of the in-container deployment (TimersInContainerIT): sees the timers of the module
 * it is deployed in, records the sweeps the expiry timer fires, and has persistent timers of its own
 * scheduled the way the application's timer beans schedule theirs.
 */
@Singleton
public class TimerProbe {
    @Resource
    TimerService timerService;

    @Inject
    PersistentSchedule schedules;

    private final List<ExpirySweep> sweeps = new ArrayList<>();

    public void schedule(String info, ScheduleExpression schedule) {
        schedules.ensure(timerService, info, schedule);
    }

    /** This bean's own timers. */
    public Collection<Timer> ownTimers() {
        return timerService.getTimers();
    }

    @Timeout
    void due(Timer timer) {
        // The tests schedule these timers far in the future and look only at how they are kept.
    }

    public Collection<Timer> timers() {
        return timerService.getAllTimers();
    }

    public void observe(@Observes ExpirySweep sweep) {
        sweeps.add(sweep);
    }

    public List<ExpirySweep> sweeps() {
        return List.copyOf(sweeps);
    }

    /** Liberty keeps a module's persistent timers in the database after the module is removed. */
    @PreDestroy
    void cancelPersistentTimers() {
        timerService.getAllTimers().stream().filter(Timer::isPersistent).forEach(Timer::cancel);
    }
}
