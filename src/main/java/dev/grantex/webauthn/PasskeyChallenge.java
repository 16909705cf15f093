package dev.grantex.webauthn;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The random challenge of one registration or assertion ceremony. It is spent by the first attempt
 * to answer it, successful or not, and expires after five minutes.
 */
@Entity
@Table(name = "webauthn_challenges")
public class PasskeyChallenge {
    static final String REGISTRATION = "registration";
    static final String AUTHENTICATION = "authentication";

    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(name = "principal_id", nullable = false)
    private String principalId;

    @Column(nullable = false)
    private String challenge;

    @Column(name = "ceremony_type", nullable = false)
    private String ceremony;

    @Column(name = "auth_request_id")
    private String authRequestId;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(nullable = false)
    private boolean consumed;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected PasskeyChallenge() {
    }

    PasskeyChallenge(String id, String developerId, String principalId, String challenge, String ceremony,
                     String authRequestId, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.developerId = developerId;
        this.principalId = principalId;
        this.challenge = challenge;
        this.ceremony = ceremony;
        this.authRequestId = authRequestId;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    String id() {
        return id;
    }

    String developerId() {
        return developerId;
    }

    String principalId() {
        return principalId;
    }

    /** base64url of the random bytes the authenticator signs over. */
    String challenge() {
        return challenge;
    }

    String ceremony() {
        return ceremony;
    }

    String authRequestId() {
        return authRequestId;
    }

    boolean usable(Instant now) {
        return !consumed && now.isBefore(expiresAt);
    }

    void consume() {
        consumed = true;
    }
}
