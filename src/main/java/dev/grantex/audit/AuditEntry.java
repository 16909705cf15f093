package dev.grantex.audit;

import dev.grantex.platform.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One link of a developer's audit chain. The metadata column holds exactly the canonical JSON that was
 * hashed, so re-reading never breaks the chain. Entries are never changed or deleted.
 */
@Entity
@Table(name = "audit_entries")
public class AuditEntry {
    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(nullable = false)
    private long seq;

    @Column(name = "agent_id", nullable = false)
    private String agentId;

    @Column(name = "agent_did", nullable = false)
    private String agentDid;

    @Column(name = "grant_id", nullable = false)
    private String grantId;

    @Column(name = "principal_id", nullable = false)
    private String principalId;

    @Column(nullable = false)
    private String action;

    @Column(nullable = false)
    private String metadata;

    @Column(nullable = false)
    private String status;

    @Column(name = "entry_time", nullable = false)
    private Instant timestamp;

    @Column(name = "prev_hash")
    private String prevHash;

    @Column(nullable = false)
    private String hash;

    protected AuditEntry() {
    }

    AuditEntry(String id, String developerId, long seq, AuditRecord record, String canonicalMetadata,
               Instant timestamp, String prevHash, String hash) {
        this.id = id;
        this.developerId = developerId;
        this.seq = seq;
        this.agentId = record.agentId();
        this.agentDid = record.agentDid();
        this.grantId = record.grantId();
        this.principalId = record.principalId();
        this.action = record.action();
        this.metadata = canonicalMetadata;
        this.status = record.status();
        this.timestamp = timestamp;
        this.prevHash = prevHash;
        this.hash = hash;
    }

    public String id() {
        return id;
    }

    public String developerId() {
        return developerId;
    }

    public long seq() {
        return seq;
    }

    public String agentId() {
        return agentId;
    }

    public String agentDid() {
        return agentDid;
    }

    public String grantId() {
        return grantId;
    }

    public String principalId() {
        return principalId;
    }

    public String action() {
        return action;
    }

    /** The canonical JSON text that was hashed. */
    public String metadata() {
        return metadata;
    }

    /** The metadata as a JSON object, for responses. */
    public JsonObject metadataJson() {
        try (JsonReader reader = Jsonp.reader(metadata)) {
            return reader.readObject();
        }
    }

    public String status() {
        return status;
    }

    public Instant timestamp() {
        return timestamp;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }
}
