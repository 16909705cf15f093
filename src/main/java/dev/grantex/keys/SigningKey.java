package dev.grantex.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A signing key pair. The private key is stored sealed with the server's encryption key so that every
 * node signs with the same key; retired keys stay published until {@code publishUntil}.
 */
@Entity
@Table(name = "signing_keys")
public class SigningKey {
    public static final String RS256 = "RS256";
    public static final String EDDSA = "EdDSA";

    @Id
    private String kid;

    @Column(nullable = false)
    private String algorithm;

    @Column(name = "public_jwk", nullable = false)
    private String publicJwk;

    @Column(name = "private_key", nullable = false)
    private String sealedPrivateKey;

    @Column(name = "active_slot")
    private String activeSlot;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "retired_at")
    private Instant retiredAt;

    @Column(name = "publish_until")
    private Instant publishUntil;

    protected SigningKey() {
    }

    public SigningKey(String kid, String algorithm, String publicJwk, String sealedPrivateKey, Instant createdAt) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.publicJwk = publicJwk;
        this.sealedPrivateKey = sealedPrivateKey;
        this.activeSlot = algorithm;
        this.createdAt = createdAt;
    }

    public String kid() {
        return kid;
    }

    public String algorithm() {
        return algorithm;
    }

    public String publicJwk() {
        return publicJwk;
    }

    public String sealedPrivateKey() {
        return sealedPrivateKey;
    }

    public boolean active() {
        return activeSlot != null;
    }

    public Instant createdAt() {
        return createdAt;
    }

    void activate() {
        activeSlot = algorithm;
        retiredAt = null;
        publishUntil = null;
    }

    void retire(Instant now, Instant keepPublishedUntil) {
        activeSlot = null;
        retiredAt = now;
        publishUntil = keepPublishedUntil;
    }
}
