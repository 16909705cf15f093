package dev.grantex.webauthn;

import dev.grantex.platform.storage.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A principal's registered passkey: the authenticator's credential id and public key (as WebAuthn
 * attested credential data), its signature counter and backup flags.
 */
@Entity
@Table(name = "webauthn_credentials")
public class PasskeyCredential {
    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(name = "principal_id", nullable = false)
    private String principalId;

    @Column(name = "credential_id", nullable = false)
    private String credentialId;

    @Column(name = "credential_hash", nullable = false)
    private String credentialHash;

    @Column(name = "public_key", nullable = false)
    private String attestedCredentialData;

    @Column(nullable = false)
    private long counter;

    @Convert(converter = StringListConverter.class)
    @Column(nullable = false)
    private List<String> transports;

    @Column(nullable = false)
    private String aaguid;

    @Column(name = "attestation_fmt", nullable = false)
    private String attestationFormat;

    @Column(name = "device_name")
    private String deviceName;

    @Column(name = "backup_eligible", nullable = false)
    private boolean backupEligible;

    @Column(name = "backed_up", nullable = false)
    private boolean backedUp;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected PasskeyCredential() {
    }

    PasskeyCredential(String id, String developerId, String principalId, String credentialId, String credentialHash,
                      String attestedCredentialData, long counter, List<String> transports, String aaguid,
                      String attestationFormat, String deviceName, boolean backupEligible, boolean backedUp,
                      Instant createdAt) {
        this.id = id;
        this.developerId = developerId;
        this.principalId = principalId;
        this.credentialId = credentialId;
        this.credentialHash = credentialHash;
        this.attestedCredentialData = attestedCredentialData;
        this.counter = counter;
        this.transports = transports;
        this.aaguid = aaguid;
        this.attestationFormat = attestationFormat;
        this.deviceName = deviceName;
        this.backupEligible = backupEligible;
        this.backedUp = backedUp;
        this.createdAt = createdAt;
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

    /** base64url, as browsers name it in allowCredentials. */
    String credentialId() {
        return credentialId;
    }

    /** base64url of the attested credential data: AAGUID, credential id and COSE public key. */
    String attestedCredentialData() {
        return attestedCredentialData;
    }

    long counter() {
        return counter;
    }

    List<String> transports() {
        return transports;
    }

    String deviceName() {
        return deviceName;
    }

    boolean backupEligible() {
        return backupEligible;
    }

    boolean backedUp() {
        return backedUp;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }

    /** After a verified assertion: the authenticator's new counter and backup state. */
    void used(long newCounter, boolean nowBackedUp, Instant now) {
        counter = newCounter;
        backedUp = nowBackedUp;
        lastUsedAt = now;
    }
}
