package dev.grantex.anomalies;

import dev.grantex.platform.Timestamps;
import dev.grantex.platform.json.Jsonp;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;

/** The JSON shapes of anomalies, alerts and rules. */
public final class AnomalyViews {
    private AnomalyViews() {
    }

    public record AnomalyView(String id, String type, String severity, String agentId, String principalId,
                              String description, JsonObject metadata, String detectedAt, String acknowledgedAt) {
        static AnomalyView of(Anomaly a) {
            return new AnomalyView(a.id(), a.type(), a.severity(), a.agentId(), a.principalId(), a.description(),
                    Jsonp.strictObject(a.metadata()), Timestamps.format(a.detectedAt()), Timestamps.format(a.acknowledgedAt()));
        }
    }

    public record AnomalyList(List<AnomalyView> anomalies, int total) {
    }

    public record DetectionView(String detectedAt, int total, int autoRevokedGrants, List<AnomalyView> anomalies) {
    }

    public record AlertView(String alertId, String ruleId, String ruleName, String type, String severity, String status,
                            String agentId, String principalId, String detectedAt, String description, JsonObject context,
                            String acknowledgedAt, String resolvedAt, String note) {
        static AlertView of(Anomaly a) {
            return new AlertView(a.id(), a.ruleId(), a.ruleName(), a.type(), a.severity(), a.status(), a.agentId(),
                    a.principalId(), Timestamps.format(a.detectedAt()), a.description(), Jsonp.strictObject(a.metadata()),
                    Timestamps.format(a.acknowledgedAt()), Timestamps.format(a.resolvedAt()), a.resolutionNote());
        }
    }

    public record AlertList(List<AlertView> data) {
    }

    /** {note?}: what the person who acknowledged or resolved the alert has to say. */
    public record AlertNote(String note) {
    }

    public record AlertCounts(String window, long total, Map<String, Long> byStatus, Map<String, Long> bySeverity) {
    }

    /** A built-in rule or a custom one: built-ins have no id, condition or createdAt. */
    public record RuleView(String id, String ruleId, String name, String description, String severity, boolean builtIn,
                           boolean enabled, Boolean computed, JsonObject condition, String createdAt) {
        static RuleView of(BuiltInRule rule, boolean enabled) {
            return new RuleView(null, rule.ruleId(), rule.name(), rule.description(), rule.severity(), true, enabled,
                    rule.computed(), null, null);
        }

        static RuleView of(AnomalyRule rule) {
            return new RuleView(rule.id(), rule.ruleId(), rule.name(), rule.description(), rule.severity(), false,
                    rule.enabled(), null, rule.condition().toJson(), Timestamps.format(rule.createdAt()));
        }
    }

    public record RuleList(List<RuleView> rules) {
    }

    /** POST /v1/anomaly/rules. */
    public record RuleRequest(String ruleId, String name, String description, JsonObject condition, String severity) {
    }

    /** PATCH /v1/anomaly/rules/{id}. */
    public record RuleSwitchRequest(Boolean enabled) {
    }
}
