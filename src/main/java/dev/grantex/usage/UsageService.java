package dev.grantex.usage;

import dev.grantex.platform.Ids;
import dev.grantex.platform.Timestamps;
import dev.grantex.usage.UsageViews.UsageEntry;
import dev.grantex.usage.UsageViews.UsageHistory;
import dev.grantex.usage.UsageViews.UsageView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A developer's usage: a day's counts are what the rollup has moved into the database, plus what
 * waits in the shared counter, plus what this node has not passed on yet.
 */
@ApplicationScoped
public class UsageService {
    private static final Logger LOG = Logger.getLogger(UsageService.class.getName());

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    UsageCounter counter;

    @Inject
    UsageMeter meter;

    @Transactional(Transactional.TxType.SUPPORTS)
    public UsageView today(String developerId) {
        LocalDate today = today();
        UsageCounts counts = live(developerId, today, stored(developerId, today).map(UsageDay::counts).orElse(UsageCounts.NONE));
        return new UsageView(developerId, today.toString(), counts.tokenExchanges(), counts.authorizations(),
                counts.verifications(), counts.total());
    }

    /** The last {@code days} days (today included) that had usage, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public UsageHistory history(String developerId, int days) {
        LocalDate today = today();
        List<UsageDay> stored = em.createQuery("SELECT u FROM UsageDay u WHERE u.developerId = :dev "
                        + "AND u.date > :after ORDER BY u.date DESC", UsageDay.class)
                .setParameter("dev", developerId).setParameter("after", today.minusDays(days)).getResultList();
        List<UsageEntry> entries = new ArrayList<>();
        UsageCounts todays = live(developerId, today, stored.isEmpty() || !stored.get(0).date().equals(today)
                ? UsageCounts.NONE : stored.get(0).counts());
        if (!todays.isEmpty()) {
            entries.add(entry(today, todays));
        }
        stored.stream().filter(day -> !day.date().equals(today)).forEach(day -> entries.add(entry(day.date(), day.counts())));
        return new UsageHistory(developerId, days, entries);
    }

    private UsageCounts live(String developerId, LocalDate day, UsageCounts rolledUp) {
        UsageCounts shared;
        try {
            shared = counter.read(developerId, day);
        } catch (RuntimeException e) {
            LOG.fine("Usage counter unavailable; today's counts show what is stored and on this node: " + e);
            shared = UsageCounts.NONE;
        }
        return rolledUp.plus(shared).plus(meter.unflushed(developerId, day));
    }

    private static UsageEntry entry(LocalDate day, UsageCounts counts) {
        return new UsageEntry(Timestamps.format(day.atStartOfDay(ZoneOffset.UTC).toInstant()), counts.tokenExchanges(),
                counts.authorizations(), counts.verifications(), counts.total());
    }

    private Optional<UsageDay> stored(String developerId, LocalDate day) {
        return stored(developerId, day, LockModeType.NONE);
    }

    private Optional<UsageDay> stored(String developerId, LocalDate day, LockModeType lock) {
        return em.createQuery("SELECT u FROM UsageDay u WHERE u.developerId = :dev AND u.date = :day", UsageDay.class)
                .setParameter("dev", developerId).setParameter("day", day).setLockMode(lock)
                .getResultList().stream().findFirst();
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Adds counts taken from the shared counter to the day's stored counts, in one transaction. */
    @Transactional
    void store(LocalDate day, Map<String, UsageCounts> taken) {
        taken.forEach((developerId, counts) -> {
            UsageDay stored = stored(developerId, day, LockModeType.PESSIMISTIC_WRITE).orElseGet(() -> {
                UsageDay created = new UsageDay(Ids.newId("usg"), developerId, day);
                em.persist(created);
                return created;
            });
            stored.add(counts);
        });
    }
}
