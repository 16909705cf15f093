package dev.grantex.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.anomalies.AnomalyDetectionTimer;
import dev.grantex.anomalies.UnacknowledgedAnomaliesGauge;
import dev.grantex.grants.ActiveGrantsGauge;
import dev.grantex.usage.UsageMeter;
import dev.grantex.usage.UsageMetric;
import dev.grantex.usage.UsageRollupTimer;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Timer;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The timers, inside the container (Arquillian): the application is deployed a second time into the
 * integration-test server, with two test-only beans, so the tests see its TimerService and rows.
 */
@ExtendWith(ArquillianExtension.class)
class TimersInContainerIT {
    /** GRANTEX_RETENTION_DAYS's default, which the integration-test server keeps. */
    private static final Duration RETENTION = Duration.ofDays(7);

    @Inject
    TimerProbe probe;

    @Inject
    StoredRows rows;

    @Inject
    Event<ExpirySweep> sweep;

    @Inject
    UsageMeter usage;

    @Inject
    AnomalyDetectionTimer detection;

    /** The copy's timers are its own (Liberty keys them by application); TimerProbe cancels them as it goes. */
    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "grantex-in-container.war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/grantex.war")))
                .addClasses(TimerProbe.class, StoredRows.class)
                // Liberty's application metrics are one registry for all applications, where a gauge
                // can be registered once: the copy leaves the application's gauges to the application.
                .deleteClass(DependencyMetrics.class)
                .deleteClass(ActiveGrantsGauge.class)
                .deleteClass(UnacknowledgedAnomaliesGauge.class);
    }

    @Test
    void theExpirySweepIsPersistentEveryMinuteAndDeliveriesAreLeasedEverySecondOnEachNode() {
        Timer expiry = timer(t -> ExpirySweepTimer.INFO.equals(t.getInfo()));
        assertTrue(expiry.isPersistent(), "the expiry sweep must survive restarts and fail over");
        assertTrue(expiry.isCalendarTimer());
        assertEquals("*", expiry.getSchedule().getMinute());
        assertEquals("0", expiry.getSchedule().getSecond());
        assertTrue(expiry.getTimeRemaining() <= 60_000, "due within the minute: " + expiry.getTimeRemaining());

        Timer deliveries = timer(t -> "grantex webhook deliveries".equals(t.getInfo()));
        assertFalse(deliveries.isPersistent(), "each node leases due deliveries itself");
        assertEquals("*", deliveries.getSchedule().getSecond());
        assertTrue(deliveries.getTimeRemaining() <= 1_000, "due within the second: " + deliveries.getTimeRemaining());
    }

    @Test
    void thePersistentTimerFiresTheSweepWithTheRetentionCutoff() throws InterruptedException {
        Instant waitingSince = Instant.now();
        long deadline = System.currentTimeMillis() + timer(t -> ExpirySweepTimer.INFO.equals(t.getInfo()))
                .getTimeRemaining() + 15_000;
        ExpirySweep fired = null;
        while (fired == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            fired = probe.sweeps().stream().filter(s -> s.now().isAfter(waitingSince)).findFirst().orElse(null);
        }
        assertTrue(fired != null, "the expiry sweep's timer did not fire when it was due");
        assertEquals(RETENTION, Duration.between(fired.purgeBefore(), fired.now()));
    }

    @Test
    void theSweepRemovesFinishedRowsOlderThanTheRetentionAndKeepsTheRest() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String developer = "dev_sweep_" + id;
        Instant now = Instant.now();
        Instant cutoff = now.minus(RETENTION);
        rows.insertEvent("evt_old_" + id, developer, cutoff.minusSeconds(60));
        rows.insertEvent("evt_new_" + id, developer, cutoff.plusSeconds(60));
        rows.insertDelivery("whd_delivered_" + id, developer, "delivered", cutoff.minusSeconds(60));
        rows.insertDelivery("whd_failed_" + id, developer, "failed", cutoff.minusSeconds(60));
        rows.insertDelivery("whd_pending_" + id, developer, "pending", cutoff.minusSeconds(60));
        rows.insertDelivery("whd_recent_" + id, developer, "delivered", cutoff.plusSeconds(60));
        try {
            sweep.fire(new ExpirySweep(now, cutoff));

            assertFalse(rows.eventExists("evt_old_" + id), "an event past the retention");
            assertTrue(rows.eventExists("evt_new_" + id), "an event within the retention");
            assertFalse(rows.deliveryExists("whd_delivered_" + id), "a delivered delivery past the retention");
            assertFalse(rows.deliveryExists("whd_failed_" + id), "a failed delivery past the retention");
            assertTrue(rows.deliveryExists("whd_pending_" + id), "a pending delivery is never purged");
            assertTrue(rows.deliveryExists("whd_recent_" + id), "a delivery within the retention");
        } finally {
            rows.deleteDeliveries(developer);
        }
    }

    @Test
    void aBacklogLongerThanOneBatchIsPurgedInOneSweep() {
        String developer = "dev_backlog_" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        rows.insertEvents(developer, now.minus(RETENTION).minusSeconds(3600), 2_500);
        sweep.fire(new ExpirySweep(now, now.minus(RETENTION)));
        assertEquals(0, rows.eventsOf(developer), "the sweep deletes in batches of 1,000 until none is left");
    }

    @Test
    void anomalyDetectionIsPersistentAndHourly() {
        Timer detection = timer(t -> AnomalyDetectionTimer.INFO.equals(t.getInfo()));
        assertTrue(detection.isPersistent(), "detection must run on one node and fail over");
        assertTrue(detection.isCalendarTimer());
        assertEquals("*", detection.getSchedule().getHour());
        assertEquals("17", detection.getSchedule().getMinute());
        assertTrue(detection.getTimeRemaining() <= 3_600_000, "due within the hour: " + detection.getTimeRemaining());
    }

    @Test
    void aPersistentTimerMissingFromTheDatabaseIsCreatedAgainOnceAsOnAnUpgradedDatabase() {
        // A database an earlier version used has no timer that was added since: the bean creates it.
        timer(t -> AnomalyDetectionTimer.INFO.equals(t.getInfo())).cancel();
        assertTrue(probe.timers().stream().noneMatch(t -> AnomalyDetectionTimer.INFO.equals(t.getInfo())));
        detection.ensureScheduled();
        detection.ensureScheduled();
        Timer detectionAgain = timer(t -> AnomalyDetectionTimer.INFO.equals(t.getInfo()));
        assertTrue(detectionAgain.isPersistent());
        assertEquals("17", detectionAgain.getSchedule().getMinute());
    }

    @Test
    void aTimerBeanKeepsOnlyItsCurrentScheduleAndCancelsEarlierOnes() {
        ScheduleExpression earlier = new ScheduleExpression().year("2099").month("1").dayOfMonth("1").hour("1");
        ScheduleExpression current = new ScheduleExpression().year("2099").month("1").dayOfMonth("1").hour("2");
        probe.schedule("probe/earlier-version", earlier);
        probe.schedule("probe/current", earlier);
        probe.schedule("probe/current", current);
        probe.schedule("probe/current", current);
        List<Timer> kept = probe.ownTimers().stream().filter(Timer::isPersistent).toList();
        assertEquals(List.of("probe/current"), kept.stream().map(Timer::getInfo).toList());
        assertEquals("2", kept.get(0).getSchedule().getHour());
    }

    @Test
    void theUsageRollupTimerMovesTheCountsIntoTheDatabaseEveryMinute() throws InterruptedException {
        Timer rollup = timer(t -> UsageRollupTimer.INFO.equals(t.getInfo()));
        assertTrue(rollup.isPersistent(), "the rollup must run on one node and fail over");
        assertEquals("*", rollup.getSchedule().getMinute());
        String developer = "dev_usage_" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            usage.count(developer, UsageMetric.TOKEN_EXCHANGES);
        }
        usage.count(developer, UsageMetric.AUTHORIZATIONS);
        usage.count(developer, UsageMetric.AUTHORIZATIONS);
        usage.count(developer, UsageMetric.VERIFICATIONS);
        // The counts leave this node within a second; a run in that second leaves them to the next.
        long deadline = System.currentTimeMillis() + rollup.getTimeRemaining() + 75_000;
        String stored = rows.usage(developer);
        while (!"3,2,1".equals(stored) && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            stored = rows.usage(developer);
        }
        assertEquals("3,2,1", stored, "the rollup did not store the counts within a minute of its run");
    }

    private Timer timer(Predicate<Timer> matching) {
        List<Timer> found = probe.timers().stream().filter(matching).toList();
        assertEquals(1, found.size(), "timers of the module: " + probe.timers().stream().map(Timer::getInfo).toList());
        return found.get(0);
    }
}
