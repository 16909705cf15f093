package dev.grantex.domains;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A developer's own host name for consent links, usable once a DNS TXT record proves it is theirs. */
@Entity
@Table(name = "custom_domains")
public class CustomDomain {
    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(nullable = false)
    private String domain;

    @Column(name = "verification_token", nullable = false)
    private String verificationToken;

    @Column(nullable = false)
    private boolean verified;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected CustomDomain() {
    }

    CustomDomain(String id, String developerId, String domain, String verificationToken, Instant createdAt) {
        this.id = id;
        this.developerId = developerId;
        this.domain = domain;
        this.verificationToken = verificationToken;
        this.createdAt = createdAt;
    }

    String id() {
        return id;
    }

    String developerId() {
        return developerId;
    }

    String domain() {
        return domain;
    }

    String verificationToken() {
        return verificationToken;
    }

    boolean verified() {
        return verified;
    }

    Instant verifiedAt() {
        return verifiedAt;
    }

    Instant createdAt() {
        return createdAt;
    }

    /** The TXT record that proves the domain: its name. */
    String recordName() {
        return "_grantex." + domain;
    }

    void markVerified(Instant now) {
        if (!verified) {
            verified = true;
            verifiedAt = now;
        }
    }
}
