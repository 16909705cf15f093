package dev.grantex.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An event as committed with the change that caused it. */
@Entity
@Table(name = "events")
public class StoredEvent {
    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(nullable = false)
    private String type;

    @Column(nullable = false)
    private String payload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected StoredEvent() {
    }

    StoredEvent(EventEnvelope event) {
        this.id = event.id();
        this.developerId = event.developerId();
        this.type = event.type().wireName();
        this.payload = event.json();
        this.createdAt = event.createdAt();
    }
}
