package dev.grantex.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The last link of a developer's chain; locking it serialises that developer's appends. */
@Entity
@Table(name = "audit_heads")
public class AuditHead {
    @Id
    @Column(name = "developer_id")
    private String developerId;

    @Column(nullable = false)
    private long seq;

    @Column(name = "entry_id")
    private String entryId;

    @Column(name = "entry_time", nullable = false)
    private Instant entryTime;

    private String hash;

    protected AuditHead() {
    }

    public AuditHead(String developerId) {
        this.developerId = developerId;
        this.entryTime = Instant.EPOCH;
    }

    long seq() {
        return seq;
    }

    String entryId() {
        return entryId;
    }

    Instant entryTime() {
        return entryTime;
    }

    String hash() {
        return hash;
    }

    void advance(AuditEntry entry) {
        seq = entry.seq();
        entryId = entry.id();
        entryTime = entry.timestamp();
        hash = entry.hash();
    }
}
