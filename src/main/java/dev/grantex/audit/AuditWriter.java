package dev.grantex.audit;

import com.github.f4b6a3.ulid.Ulid;
import dev.grantex.platform.Ids;
import dev.grantex.platform.PlanLimits;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a batch of one developer's pending entries in one transaction of its own: the chain head is
 * locked once, every entry links to the one before it, and the head advances past the last. The lock
 * makes batches from any number of nodes line up into one chain.
 */
@ApplicationScoped
public class AuditWriter {
    /** What became of one pending entry: written, or refused (the plan's quota) without writing it. */
    record Outcome(AuditEntry entry, ApiException refusal) {
    }

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PlanLimits planLimits;

    /** The outcomes, in the batch's order; they stand only once this method has returned (committed). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Outcome> write(String developerId, List<PendingAppend> batch) {
        AuditHead head = em.find(AuditHead.class, developerId, LockModeType.PESSIMISTIC_WRITE);
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (PendingAppend pending : batch) {
            try {
                if (pending.counted()) {
                    planLimits.check(pending.caller().plan(), PlanLimits.Resource.AUDIT_ENTRIES, head::seq);
                }
            } catch (ApiException refused) {
                outcomes.add(new Outcome(null, refused));
                continue;
            }
            outcomes.add(new Outcome(append(head, pending), null));
        }
        return outcomes;
    }

    private AuditEntry append(AuditHead head, PendingAppend pending) {
        AuditRecord record = pending.record();
        String developerId = pending.caller().developerId();
        // Time never runs backwards within a chain, even across nodes with skewed clocks.
        Instant now = Instant.ofEpochMilli(Math.max(clock.millis(), head.entryTime().toEpochMilli()));
        String id = nextId(head, now);
        String hash = AuditHash.of(id, record.agentId(), record.agentDid(), record.grantId(), record.principalId(),
                developerId, record.action(), pending.metadata(), Timestamps.format(now), head.hash(), record.status());
        AuditEntry entry = new AuditEntry(id, developerId, head.seq() + 1, record, pending.metadata(), now,
                head.hash(), hash);
        em.persist(entry);
        head.advance(entry);
        return entry;
    }

    /**
     * Ids sort in chain order, as the protocol lists entries by timestamp then id: within the
     * millisecond of the previous entry the id continues from it, otherwise it is fresh.
     */
    private static String nextId(AuditHead head, Instant now) {
        if (head.entryId() != null && now.equals(head.entryTime())) {
            return "alog_" + Ulid.from(head.entryId().substring("alog_".length())).increment();
        }
        return Ids.newId("alog");
    }
}
