package dev.grantex.usage;

import java.time.LocalDate;
import java.util.Map;

/**
 * Where the nodes' counts meet until the rollup moves them into the database: Redis when configured,
 * this process otherwise. A failure is a runtime exception, and nothing was changed by it.
 */
interface UsageCounter {
    void add(LocalDate day, Map<String, UsageCounts> byDeveloper);

    UsageCounts read(String developerId, LocalDate day);

    /** Takes the day's counts out, leaving zeros: what is taken is the caller's to keep. */
    Map<String, UsageCounts> take(LocalDate day);
}
