package dev.grantex.policies;

import dev.grantex.platform.storage.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A developer's built-in policy: an effect, a priority and conditions, each null for "any". */
@Entity
@Table(name = "policies")
public class Policy {
    public static final String ALLOW = "allow";
    public static final String DENY = "deny";

    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String effect;

    @Column(nullable = false)
    private int priority;

    @Column(name = "agent_id")
    private String agentId;

    @Column(name = "principal_id")
    private String principalId;

    /** Stored as a JSON array; the empty array stands for "any scope", as a policy cannot list none. */
    @Convert(converter = StringListConverter.class)
    @Column(nullable = false)
    private List<String> scopes;

    @Column(name = "time_of_day_start")
    private String timeOfDayStart;

    @Column(name = "time_of_day_end")
    private String timeOfDayEnd;

    /** The weekdays as digits, 0 (Sunday) to 6 (Saturday), such as "12345"; null for every day. */
    @Column
    private String days;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Policy() {
    }

    Policy(String id, String developerId, PolicyFields fields, Instant now) {
        this.id = id;
        this.developerId = developerId;
        this.createdAt = now;
        change(fields, now);
    }

    void change(PolicyFields fields, Instant now) {
        this.name = fields.name();
        this.effect = fields.effect();
        this.priority = fields.priority();
        this.agentId = fields.agentId();
        this.principalId = fields.principalId();
        this.scopes = fields.scopes() == null ? List.of() : List.copyOf(fields.scopes());
        this.timeOfDayStart = fields.timeOfDayStart();
        this.timeOfDayEnd = fields.timeOfDayEnd();
        this.days = fields.days() == null ? null
                : fields.days().stream().map(String::valueOf).reduce("", String::concat);
        this.updatedAt = now;
    }

    public PolicyFields fields() {
        return new PolicyFields(name, effect, priority, agentId, principalId, scopes.isEmpty() ? null : scopes,
                timeOfDayStart, timeOfDayEnd, days == null ? null : days.chars().map(c -> c - '0').boxed().toList());
    }

    public String id() {
        return id;
    }

    public String developerId() {
        return developerId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
