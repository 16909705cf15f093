package dev.grantex.policies;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/** One uploaded version of a developer's Rego or Cedar policies; at most one per format is active. */
@Entity
@Table(name = "policy_bundles")
public class PolicyBundle {
    public static final String REGO = "rego";
    public static final String CEDAR = "cedar";

    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(nullable = false)
    private String format;

    @Column(nullable = false)
    private String version;

    @Column(nullable = false)
    private String sha256;

    @Column(name = "file_count", nullable = false)
    private int fileCount;

    @Column(nullable = false)
    private boolean active;

    /** The uploaded bytes as base64; listings select the other columns only. */
    @Lob
    @Column(nullable = false)
    private String content;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected PolicyBundle() {
    }

    PolicyBundle(String id, String developerId, String format, String version, String sha256, int fileCount,
                 String content, Instant createdAt) {
        this.id = id;
        this.developerId = developerId;
        this.format = format;
        this.version = version;
        this.sha256 = sha256;
        this.fileCount = fileCount;
        this.content = content;
        this.createdAt = createdAt;
    }

    void activate() {
        active = true;
    }

    void deactivate() {
        active = false;
    }

    public String id() {
        return id;
    }

    public String developerId() {
        return developerId;
    }

    public String format() {
        return format;
    }

    public String version() {
        return version;
    }

    public String sha256() {
        return sha256;
    }

    public int fileCount() {
        return fileCount;
    }

    public boolean active() {
        return active;
    }

    String content() {
        return content;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
