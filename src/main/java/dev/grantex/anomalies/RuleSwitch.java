package dev.grantex.anomalies;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Whether a built-in rule runs for a developer; without a row, it does. */
@Entity
@Table(name = "anomaly_rule_switches")
public class RuleSwitch {
    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(name = "rule_id", nullable = false)
    private String ruleId;

    @Column(nullable = false)
    private boolean enabled;

    protected RuleSwitch() {
    }

    RuleSwitch(String developerId, String ruleId, boolean enabled) {
        this.id = idOf(developerId, ruleId);
        this.developerId = developerId;
        this.ruleId = ruleId;
        this.enabled = enabled;
    }

    static String idOf(String developerId, String ruleId) {
        return developerId + "/" + ruleId;
    }

    void enable(boolean enabled) {
        this.enabled = enabled;
    }

    public String ruleId() {
        return ruleId;
    }

    public boolean enabled() {
        return enabled;
    }
}
