package dev.grantex.anomalies;

import dev.grantex.platform.json.Jsonp;
import dev.grantex.platform.storage.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A developer's own detection rule: a {@link RuleCondition}, the severity of what it finds and, if
 * named, the alert channels its findings go to.
 */
@Entity
@Table(name = "anomaly_rules")
public class AnomalyRule {
    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(name = "rule_id", nullable = false)
    private String ruleId;

    @Column(nullable = false)
    private String name;

    @Column
    private String description;

    @Column(name = "rule_condition", nullable = false)
    private String condition;

    @Column(nullable = false)
    private String severity;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Convert(converter = StringListConverter.class)
    @Column(name = "alert_channels", nullable = false)
    private List<String> alertChannels;

    protected AnomalyRule() {
    }

    AnomalyRule(String id, String developerId, String ruleId, String name, String description, RuleCondition condition,
                String severity, List<String> alertChannels, Instant createdAt) {
        this.id = id;
        this.developerId = developerId;
        this.ruleId = ruleId;
        this.name = name;
        this.description = description;
        this.condition = condition.toJson().toString();
        this.severity = severity;
        this.enabled = true;
        this.alertChannels = List.copyOf(alertChannels);
        this.createdAt = createdAt;
    }

    /** The channels its findings go to; empty: the developer's channels, by severity. */
    public List<String> alertChannels() {
        return alertChannels;
    }

    /** Its findings no longer go to that channel (deleted); with none left, they go by severity. */
    void forgetChannel(String channelId) {
        if (alertChannels.contains(channelId)) {
            alertChannels = alertChannels.stream().filter(id -> !id.equals(channelId)).toList();
        }
    }

    void enable(boolean enabled) {
        this.enabled = enabled;
    }

    public String id() {
        return id;
    }

    public String developerId() {
        return developerId;
    }

    public String ruleId() {
        return ruleId;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    RuleCondition condition() {
        return RuleCondition.of(Jsonp.strictObject(condition));
    }

    public String severity() {
        return severity;
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
