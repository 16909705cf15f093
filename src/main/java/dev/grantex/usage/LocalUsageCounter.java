package dev.grantex.usage;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** The counts of a single node without Redis. */
final class LocalUsageCounter implements UsageCounter {
    private final Map<LocalDate, Map<String, UsageCounts>> days = new HashMap<>();

    @Override
    public synchronized void add(LocalDate day, Map<String, UsageCounts> byDeveloper) {
        Map<String, UsageCounts> counts = days.computeIfAbsent(day, d -> new HashMap<>());
        byDeveloper.forEach((developer, added) -> counts.merge(developer, added, UsageCounts::plus));
    }

    @Override
    public synchronized UsageCounts read(String developerId, LocalDate day) {
        return days.getOrDefault(day, Map.of()).getOrDefault(developerId, UsageCounts.NONE);
    }

    @Override
    public synchronized Map<String, UsageCounts> take(LocalDate day) {
        Map<String, UsageCounts> taken = days.remove(day);
        return taken == null ? Map.of() : taken;
    }
}
