package dev.grantex.anomalies;

import java.util.List;
import java.util.Optional;

/**
 * The built-in detection rules: the reference's catalogue (AD-001 to AD-010, of which this server
 * computes those it has the data for) and the reference's two other detections (GX-001, GX-002).
 */
record BuiltInRule(String ruleId, String name, String description, String severity, String type, boolean computed) {
    static final BuiltInRule VELOCITY_SPIKE = new BuiltInRule("AD-001", "Velocity spike",
            "More than 50 audit entries of one agent in the last hour", Severity.HIGH, "rate_spike", true);
    static final BuiltInRule OFF_HOURS = new BuiltInRule("AD-004", "Off-hours activity",
            "More than 10 audit entries of one agent between 22:00 and 06:00 UTC in the last 24 hours", Severity.LOW,
            "off_hours_activity", true);
    static final BuiltInRule DELEGATION_SPIKE = new BuiltInRule("AD-005", "Delegation depth spike",
            "More than 10 grants of delegation depth 2 or more issued to one agent in the last hour", Severity.HIGH,
            "cascade_delegation", true);
    static final BuiltInRule RAPID_REVOCATION = new BuiltInRule("AD-006", "Rapid revocation",
            "More than 5 grant revocations (a cascade counts once) within 60 seconds, in the last hour", Severity.CRITICAL,
            "rapid_revocation", true);
    static final BuiltInRule BUDGET_CLIFF = new BuiltInRule("AD-007", "Budget cliff",
            "80% or more of a grant's budget debited within the last hour", Severity.HIGH, "budget_cliff", true);
    static final BuiltInRule UNKNOWN_AGENT = new BuiltInRule("AD-008", "Unknown agent",
            "Audit entries in the last 24 hours naming an agent the developer has not registered", Severity.CRITICAL,
            "unknown_agent", true);
    static final BuiltInRule FAILURE_RATE = new BuiltInRule("GX-001", "High failure rate",
            "At least 5 audit entries of one agent in the last 24 hours, more than 20% failed or blocked", Severity.MEDIUM,
            "high_failure_rate", true);
    static final BuiltInRule NEW_PRINCIPAL = new BuiltInRule("GX-002", "New principal",
            "The first grant ever of an agent for a principal, in the last 24 hours", Severity.LOW, "new_principal", true);

    static final List<BuiltInRule> ALL = List.of(
            VELOCITY_SPIKE,
            new BuiltInRule("AD-002", "Scope escalation", "An agent asking for scopes beyond its usual ones "
                    + "(not computed: requested scopes are not kept per agent)", Severity.CRITICAL, "unusual_scope_access", false),
            new BuiltInRule("AD-003", "Unusual geography", "Requests from an unusual location "
                    + "(not computed: the server records no client location)", Severity.MEDIUM, "unusual_geography", false),
            OFF_HOURS,
            DELEGATION_SPIKE,
            RAPID_REVOCATION,
            BUDGET_CLIFF,
            UNKNOWN_AGENT,
            new BuiltInRule("AD-009", "Replay (same JTI)", "One token presented from several places "
                    + "(not computed: token uses are not recorded)", Severity.CRITICAL, "replayed_jti", false),
            new BuiltInRule("AD-010", "Offline bundle stale", "An offline consent bundle not synced "
                    + "(not computed: this server has no offline bundles)", Severity.MEDIUM, "offline_bundle_stale", false),
            FAILURE_RATE,
            NEW_PRINCIPAL);

    static Optional<BuiltInRule> find(String ruleId) {
        return ALL.stream().filter(rule -> rule.ruleId().equals(ruleId)).findFirst();
    }
}
