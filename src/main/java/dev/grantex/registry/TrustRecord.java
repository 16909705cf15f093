package dev.grantex.registry;

import dev.grantex.platform.storage.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** An organisation in the trust registry: did:web:<domain>, owned by the developer that registered it. */
@Entity
@Table(name = "trust_registry")
public class TrustRecord {
    static final String PENDING = "pending";
    static final String DNS_TXT = "dns-txt";
    static final String BASIC = "basic";
    static final String VERIFIED = "verified";

    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(name = "organization_did", nullable = false)
    private String organizationDid;

    @Column(nullable = false)
    private String domain;

    @Column(nullable = false)
    private String name;

    private String description;

    private String website;

    @Column(name = "verification_token", nullable = false)
    private String verificationToken;

    @Column(name = "verification_method", nullable = false)
    private String verificationMethod;

    @Column(name = "trust_level", nullable = false)
    private String trustLevel;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    @Convert(converter = StringListConverter.class)
    @Column(name = "listed_agents", nullable = false)
    private List<String> listedAgents;

    @Column(name = "public_keys", nullable = false)
    private String publicKeys;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected TrustRecord() {
    }

    TrustRecord(String id, String developerId, String domain, String verificationToken, Instant now) {
        this.id = id;
        this.developerId = developerId;
        this.domain = domain;
        this.organizationDid = didOf(domain);
        this.name = domain;
        this.verificationToken = verificationToken;
        this.verificationMethod = PENDING;
        this.trustLevel = BASIC;
        this.listedAgents = List.of();
        this.publicKeys = "{\"keys\":[]}";
        this.createdAt = now;
    }

    static String didOf(String domain) {
        return "did:web:" + domain;
    }

    void describe(String name, String description, String website, List<String> listedAgents, String publicKeys) {
        this.name = name;
        this.description = description;
        this.website = website;
        this.listedAgents = List.copyOf(listedAgents);
        this.publicKeys = publicKeys;
    }

    void markVerified(Instant now) {
        if (verifiedAt == null) {
            verifiedAt = now;
        }
        verificationMethod = DNS_TXT;
        trustLevel = VERIFIED;
    }

    String id() {
        return id;
    }

    String developerId() {
        return developerId;
    }

    String organizationDid() {
        return organizationDid;
    }

    String domain() {
        return domain;
    }

    String name() {
        return name;
    }

    String description() {
        return description;
    }

    String website() {
        return website;
    }

    String verificationToken() {
        return verificationToken;
    }

    String verificationMethod() {
        return verificationMethod;
    }

    String trustLevel() {
        return trustLevel;
    }

    Instant verifiedAt() {
        return verifiedAt;
    }

    List<String> listedAgents() {
        return listedAgents;
    }

    String publicKeys() {
        return publicKeys;
    }

    Instant createdAt() {
        return createdAt;
    }
}
