package dev.grantex.agents;

import dev.grantex.platform.storage.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** An AI agent a developer registered: its identity (DID) and the scopes it may ever ask for. */
@Entity
@Table(name = "agents")
public class Agent {
    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";

    @Id
    private String id;

    @Column(nullable = false)
    private String did;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String description;

    @Convert(converter = StringListConverter.class)
    @Column(nullable = false)
    private List<String> scopes;

    @Column(nullable = false)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Agent() {
    }

    public Agent(String id, String developerId, String name, String description, List<String> scopes, Instant now) {
        this.id = id;
        this.did = didOf(id);
        this.developerId = developerId;
        this.name = name;
        this.description = description;
        this.scopes = scopes;
        this.status = ACTIVE;
        this.createdAt = now;
        this.updatedAt = now;
    }

    private static final String DID_PREFIX = "did:grantex:";

    /** An agent's DID: did:grantex: followed by its id. */
    public static String didOf(String agentId) {
        return DID_PREFIX + agentId;
    }

    /** The agent id in a DID made by {@link #didOf}; any other text as it is. */
    public static String idOf(String did) {
        return did.startsWith(DID_PREFIX) ? did.substring(DID_PREFIX.length()) : did;
    }

    public String id() {
        return id;
    }

    public String did() {
        return did;
    }

    public String developerId() {
        return developerId;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<String> scopes() {
        return scopes;
    }

    public String status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    void update(String newName, String newDescription, List<String> newScopes, String newStatus, Instant now) {
        if (newName != null) {
            name = newName;
        }
        if (newDescription != null) {
            description = newDescription;
        }
        if (newScopes != null) {
            scopes = newScopes;
        }
        if (newStatus != null) {
            status = newStatus;
        }
        updatedAt = now;
    }
}
