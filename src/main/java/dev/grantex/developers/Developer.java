package dev.grantex.developers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A developer account: owns agents, grants and everything else; authenticates with one API key. */
@Entity
@Table(name = "developers")
public class Developer {
    public static final String MODE_LIVE = "live";
    public static final String MODE_SANDBOX = "sandbox";

    @Id
    private String id;

    @Column(name = "api_key_hash", nullable = false)
    private String apiKeyHash;

    @Column(nullable = false)
    private String name;

    private String email;

    @Column(nullable = false)
    private String mode;

    @Column(nullable = false)
    private String plan;

    @Column(name = "fido_required", nullable = false)
    private boolean fidoRequired;

    @Column(name = "fido_rp_name")
    private String fidoRpName;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "key_rotated_at")
    private Instant keyRotatedAt;

    protected Developer() {
    }

    public Developer(String id, String apiKeyHash, String name, String email, String mode, String plan,
                     Instant createdAt) {
        this.id = id;
        this.apiKeyHash = apiKeyHash;
        this.name = name;
        this.email = email;
        this.mode = mode;
        this.plan = plan;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public String mode() {
        return mode;
    }

    public String plan() {
        return plan;
    }

    public boolean fidoRequired() {
        return fidoRequired;
    }

    public String fidoRpName() {
        return fidoRpName;
    }

    public Instant keyRotatedAt() {
        return keyRotatedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public void setFidoRequired(boolean fidoRequired) {
        this.fidoRequired = fidoRequired;
    }

    public void setFidoRpName(String fidoRpName) {
        this.fidoRpName = fidoRpName;
    }

    public void replaceApiKey(String newHash, Instant rotatedAt) {
        this.apiKeyHash = newHash;
        this.keyRotatedAt = rotatedAt;
    }
}
