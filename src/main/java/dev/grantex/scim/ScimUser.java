package dev.grantex.scim;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A provisioned user: the provider's resource as JSON, and in columns what filters and the
 * case-insensitive uniqueness of userName need. {@code version} counts changes (the ETag).
 */
@Entity
@Table(name = "scim_users")
public class ScimUser {
    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(name = "user_name", nullable = false)
    private String userName;

    @Column(name = "user_name_key", nullable = false)
    private String userNameKey;

    @Column(name = "external_id")
    private String externalId;

    @Column(name = "display_name_key")
    private String displayNameKey;

    @Column(nullable = false)
    private boolean active;

    @Lob
    @Column(nullable = false)
    private String resource;

    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_modified", nullable = false)
    private Instant lastModified;

    protected ScimUser() {
    }

    ScimUser(String id, String developerId, Instant createdAt) {
        this.id = id;
        this.developerId = developerId;
        this.createdAt = createdAt;
        this.version = 0;
    }

    /** Takes the checked attributes and the whole resource; counts a new version. */
    void write(UserAttributes attributes, String resource, Instant now) {
        this.userName = attributes.userName();
        this.userNameKey = ScimText.key(attributes.userName());
        this.externalId = attributes.externalId();
        this.displayNameKey = attributes.displayName() == null ? null : ScimText.key(attributes.displayName());
        this.active = attributes.active();
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

    public String userName() {
        return userName;
    }

    public String externalId() {
        return externalId;
    }

    public boolean active() {
        return active;
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
