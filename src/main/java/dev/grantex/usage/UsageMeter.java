package dev.grantex.usage;

import dev.grantex.platform.ApplicationStopping;
import dev.grantex.platform.RedisConnection;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Counts metered requests (token exchanges, authorizations, verifications) per developer and UTC
 * day. Counting is an in-memory addition, cheap enough for the hot paths; every second this node's
 * counts go to the shared {@link UsageCounter}. While that fails (Redis away) they stay here and go
 * with a later flush; a node that dies loses at most its last second, or its counts since Redis went away.
 */
@ApplicationScoped
public class UsageMeter {
    private static final Logger LOG = Logger.getLogger(UsageMeter.class.getName());
    private static final long DAY_MILLIS = 86_400_000L;

    private record Key(String developerId, long epochDay) {
    }

    private static final class Adders {
        final LongAdder[] byMetric = {new LongAdder(), new LongAdder(), new LongAdder()};

        UsageCounts sum() {
            return UsageCounts.of(new long[]{byMetric[0].sum(), byMetric[1].sum(), byMetric[2].sum()});
        }

        UsageCounts sumThenReset() {
            return UsageCounts.of(new long[]{byMetric[0].sumThenReset(), byMetric[1].sumThenReset(),
                    byMetric[2].sumThenReset()});
        }

        void add(UsageCounts counts) {
            for (UsageMetric metric : UsageMetric.values()) {
                byMetric[metric.ordinal()].add(counts.of(metric));
            }
        }
    }

    private final Map<Key, Adders> counts = new ConcurrentHashMap<>();

    @Inject
    @ConfigProperty(name = "grantex.usage.metering", defaultValue = "true")
    boolean enabled;

    @Inject
    Clock clock;

    @Inject
    UsageCounter counter;

    @Inject
    RedisConnection redis;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> flushes;

    @PostConstruct
    void start() {
        flushes = scheduler.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
    }

    /** The last counts go while Redis still answers; by @PreDestroy its client may be closed. */
    void stop(@Observes(notifyObserver = Reception.IF_EXISTS) ApplicationStopping stopping) {
        flushes.cancel(false);
        flush();
    }

    public void count(String developerId, UsageMetric metric) {
        if (enabled) {
            counts.computeIfAbsent(new Key(developerId, clock.millis() / DAY_MILLIS), key -> new Adders())
                    .byMetric[metric.ordinal()].increment();
        }
    }

    /** What this node counted for the developer on that day and has not yet passed on. */
    UsageCounts unflushed(String developerId, LocalDate day) {
        Adders adders = counts.get(new Key(developerId, day.toEpochDay()));
        return adders == null ? UsageCounts.NONE : adders.sum();
    }

    /** Passes this node's counts on to the shared counter, day by day; what cannot be passed on stays. */
    void flush() {
        if (counts.isEmpty() || (redis.configured() && !redis.available())) {
            return;
        }
        long today = clock.millis() / DAY_MILLIS;
        Map<Long, Map<String, UsageCounts>> byDay = new HashMap<>();
        counts.forEach((key, adders) -> {
            UsageCounts taken = adders.sumThenReset();
            if (!taken.isEmpty()) {
                byDay.computeIfAbsent(key.epochDay(), day -> new HashMap<>()).put(key.developerId(), taken);
            }
            if (key.epochDay() < today) {
                counts.remove(key);
            }
        });
        byDay.forEach((epochDay, byDeveloper) -> {
            try {
                counter.add(LocalDate.ofEpochDay(epochDay), byDeveloper);
                redis.answered();
            } catch (RuntimeException e) {
                if (redis.configured()) {
                    redis.failed(e);
                }
                LOG.fine("Usage counts kept on this node until the shared counter answers: " + e);
                byDeveloper.forEach((developer, taken) -> counts.computeIfAbsent(new Key(developer, epochDay),
                        key -> new Adders()).add(taken));
            }
        });
    }
}
