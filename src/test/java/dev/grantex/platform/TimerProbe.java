package dev.grantex.platform;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerService;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Test-only bean of the in-container deployment (TimersInContainerIT): sees the timers of the module
 * it is deployed in, and records the sweeps the expiry timer fires.
 */
@Singleton
public class TimerProbe {
    @Resource
    TimerService timerService;

    private final List<ExpirySweep> sweeps = new ArrayList<>();

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
