package dev.grantex.scim;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/** A provisioned group: its resource without members (those are rows of scim_group_members). */
@Entity
@Table(name = "scim_groups")
public class ScimGroup {
    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(name = "display_name_key", nullable = false)
    private String displayNameKey;

    @Column(name = "external_id")
    private String externalId;

    @Lob
    @Column(nullable = false)
    private String resource;

    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_modified", nullable = false)
    private Instant lastModified;

    protected ScimGroup() {
    }

    ScimGroup(String id, String developerId, Instant createdAt) {
        this.id = id;
        this.developerId = developerId;
        this.createdAt = createdAt;
    }

    void write(String displayName, String externalId, String resource, Instant now) {
        this.displayNameKey = ScimText.key(displayName);
        this.externalId = externalId;
        this.resource = resource;
        this.lastModified = now;
        this.version++;
    }

    public String id() {
        return id;
    }

    public String developerId() {
        return developerId;
    }

    String resource() {
        return resource;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastModified() {
        return lastModified;
    }
}
