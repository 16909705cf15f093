package dev.grantex.anomalies;

import java.util.List;

/** The four severities, from the least to the most severe. */
final class Severity {
    static final String LOW = "low";
    static final String MEDIUM = "medium";
    static final String HIGH = "high";
    static final String CRITICAL = "critical";
    static final List<String> ALL = List.of(LOW, MEDIUM, HIGH, CRITICAL);

    private Severity() {
    }
}
