package dev.grantex.anomalies;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A finding in a developer's activity, and the alert it raises: open, then acknowledged, then resolved. */
@Entity
@Table(name = "anomalies")
public class Anomaly {
    static final String OPEN = "open";
    static final String ACKNOWLEDGED = "acknowledged";
    static final String RESOLVED = "resolved";

    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(nullable = false)
    private String type;

    @Column(nullable = false)
    private String severity;

    @Column(name = "rule_id", nullable = false)
    private String ruleId;

    @Column(name = "rule_name", nullable = false)
    private String ruleName;

    @Column(name = "agent_id")
    private String agentId;

    @Column(name = "principal_id")
    private String principalId;

    /** What makes two findings the same: the rule, the agent and the principal. */
    @Column(name = "finding_key", nullable = false)
    private String findingKey;

    @Column(nullable = false)
    private String description;

    @Column(nullable = false)
    private String metadata;

    @Column(nullable = false)
    private String status;

    @Column(name = "detected_at", nullable = false)
    private Instant detectedAt;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "resolution_note")
    private String resolutionNote;

    protected Anomaly() {
    }

    Anomaly(String id, String developerId, Finding finding, Instant now) {
        this.id = id;
        this.developerId = developerId;
        this.type = finding.type();
        this.severity = finding.severity();
        this.ruleId = finding.ruleId();
        this.ruleName = finding.ruleName();
        this.agentId = finding.agentId();
        this.principalId = finding.principalId();
        this.findingKey = finding.key();
        this.status = OPEN;
        seenAgain(finding, now);
    }

    /** The same finding in a later detection: its figures and time are the latest. */
    void seenAgain(Finding finding, Instant now) {
        this.description = finding.description();
        this.metadata = finding.metadata().toString();
        this.detectedAt = now;
    }

    void acknowledge(Instant now, String note) {
        if (acknowledgedAt == null) {
            acknowledgedAt = now;
        }
        if (!RESOLVED.equals(status)) {
            status = ACKNOWLEDGED;
        }
        if (note != null) {
            resolutionNote = note;
        }
    }

    void resolve(Instant now, String note) {
        acknowledge(now, note);
        status = RESOLVED;
        if (resolvedAt == null) {
            resolvedAt = now;
        }
    }

    public String id() {
        return id;
    }

    public String developerId() {
        return developerId;
    }

    public String type() {
        return type;
    }

    public String severity() {
        return severity;
    }

    public String ruleId() {
        return ruleId;
    }

    public String ruleName() {
        return ruleName;
    }

    public String agentId() {
        return agentId;
    }

    public String principalId() {
        return principalId;
    }

    String findingKey() {
        return findingKey;
    }

    public String description() {
        return description;
    }

    public String metadata() {
        return metadata;
    }

    public String status() {
        return status;
    }

    public Instant detectedAt() {
        return detectedAt;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public String resolutionNote() {
        return resolutionNote;
    }
}
