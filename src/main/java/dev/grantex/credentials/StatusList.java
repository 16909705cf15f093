package dev.grantex.credentials;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;

/** One of a developer's StatusList2021 revocation lists: 131,072 bits, one per credential. */
@Entity
@Table(name = "vc_status_lists")
public class StatusList {
    static final String REVOCATION = "revocation";

    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(nullable = false)
    private String purpose;

    @Column(name = "encoded_list", nullable = false)
    private String encodedList;

    @Column(nullable = false)
    private int size;

    @Column(name = "next_index", nullable = false)
    private int nextIndex;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected StatusList() {
    }

    StatusList(String id, String developerId, Instant now) {
        this.id = id;
        this.developerId = developerId;
        this.purpose = REVOCATION;
        this.encodedList = StatusBits.empty();
        this.size = StatusBits.SIZE;
        this.nextIndex = 0;
        this.createdAt = now;
        this.updatedAt = now;
    }

    String id() {
        return id;
    }

    String developerId() {
        return developerId;
    }

    String encodedList() {
        return encodedList;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    boolean full() {
        return nextIndex >= size;
    }

    /** Hands out the next free bit; the caller holds this row locked. */
    int allocate() {
        if (full()) {
            throw new IllegalStateException("Status list " + id + " is full");
        }
        return nextIndex++;
    }

    /** Marks these bits revoked; the caller holds this row locked. */
    void revoke(Collection<Integer> indexes, Instant now) {
        encodedList = StatusBits.withSet(encodedList, indexes);
        updatedAt = now;
    }
}
