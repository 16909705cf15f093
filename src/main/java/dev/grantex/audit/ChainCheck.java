package dev.grantex.audit;

import dev.grantex.platform.Timestamps;
import java.time.Instant;
import java.util.Objects;

/**
 * Checks a developer's chain (or its part within since/until) entry by entry, in chain order, so
 * that a walk over any number of entries needs constant memory and an export can check the entries
 * it streams. Every hash is recomputed and every link checked; within a time range the first
 * entry's link to the entry before the range is not checked. The first break is kept.
 */
public final class ChainCheck {
    private final Instant since;
    private final Instant until;
    private long checked;
    private long lastSeq;
    private String previousHash;
    private AuditService.ChainReport broken;

    public ChainCheck(Instant since, Instant until) {
        this.since = since;
        this.until = until;
    }

    public void accept(AuditEntry e) {
        if (broken != null) {
            return;
        }
        boolean linked = checked == 0 ? since != null || e.prevHash() == null : previousHash.equals(e.prevHash());
        if (!linked) {
            broken = new AuditService.ChainReport(false, checked, e.id(), "link");
            return;
        }
        String recomputed = AuditHash.of(e.id(), e.agentId(), e.agentDid(), e.grantId(), e.principalId(),
                e.developerId(), e.action(), e.metadata(), Timestamps.format(e.timestamp()), e.prevHash(), e.status());
        if (!recomputed.equals(e.hash())) {
            broken = new AuditService.ChainReport(false, checked, e.id(), "content");
            return;
        }
        checked++;
        previousHash = e.hash();
        lastSeq = e.seq();
    }

    /**
     * The outcome once every entry was given. A walk to the chain's end must arrive at its head, or
     * entries were removed from the end: then the missing newest entry is named.
     */
    AuditService.ChainReport report(AuditHead head) {
        if (broken != null) {
            return broken;
        }
        boolean walkedToEnd = until == null && (since == null || checked > 0);
        if (walkedToEnd && (head.seq() != lastSeq || !Objects.equals(head.hash(), previousHash))) {
            return new AuditService.ChainReport(false, checked, head.entryId(), "link");
        }
        return new AuditService.ChainReport(true, checked, null, null);
    }
}
