package dev.grantex.audit;

import dev.grantex.platform.Caller;
import dev.grantex.platform.Fields;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Appending to and reading a developer's audit chain. */
@ApplicationScoped
@Transactional
public class AuditService {
    static final int MAX_METADATA = 32_000;
    private static final int VERIFY_PAGE = 1000;
    private static final Set<String> STATUSES = Set.of("success", "failure", "blocked");

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    AuditBatcher batcher;

    /** Filters of a listing; null means any. */
    public record Filter(String agentId, String grantId, String principalId, String action, String status,
                         Instant since, Instant until) {
    }

    /**
     * Validates and appends one entry, answering once it is committed. Appends are batched per
     * developer (see {@link AuditBatcher}); the work per append is constant, whatever the chain's length.
     * No transaction of the caller's may be open: the entry commits in one of its own.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public AuditEntry append(Caller caller, AuditRecord record) {
        String status = record.status() == null ? "success" : record.status();
        Fields.requireText(record.agentId(), "agentId", 256);
        Fields.requireText(record.agentDid(), "agentDid", 512);
        Fields.requireText(record.grantId(), "grantId", 256);
        Fields.requireText(record.principalId(), "principalId", 256);
        Fields.requireText(record.action(), "action", 256);
        if (!STATUSES.contains(status)) {
            throw ApiException.badRequest("status must be \"success\", \"failure\" or \"blocked\"");
        }
        String metadata = CanonicalJson.of(record.metadata() == null ? JsonValue.EMPTY_JSON_OBJECT : record.metadata());
        if (metadata.length() > MAX_METADATA) {
            throw ApiException.badRequest("metadata must be at most " + MAX_METADATA + " characters as JSON");
        }
        AuditRecord settled = new AuditRecord(record.agentId(), record.agentDid(), record.grantId(), record.principalId(),
                record.action(), record.metadata(), status);
        return batcher.append(new PendingAppend(caller, settled, metadata, true));
    }

    /**
     * Appends an entry of the server's own, such as a policy's decision, once committed. Its fields
     * are the server's, so they are not checked again, and the plan's quota of entries does not
     * refuse it: a full quota must not leave a decision unrecorded.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public AuditEntry record(Caller caller, AuditRecord record) {
        String metadata = CanonicalJson.of(record.metadata() == null ? JsonValue.EMPTY_JSON_OBJECT : record.metadata());
        return batcher.append(new PendingAppend(caller, record, metadata, false));
    }

    /** Entries in chain order (timestamp, then id), after a cursor, at most {@code limit}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntry> list(String developerId, Filter filter, long afterSeq, int limit) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        StringBuilder jpql = new StringBuilder("SELECT e FROM AuditEntry e WHERE e.developerId = :dev AND e.seq > :after");
        parameters.put("dev", developerId);
        parameters.put("after", afterSeq);
        condition(jpql, parameters, "agentId", filter.agentId(), "=");
        condition(jpql, parameters, "grantId", filter.grantId(), "=");
        condition(jpql, parameters, "principalId", filter.principalId(), "=");
        condition(jpql, parameters, "action", filter.action(), "=");
        condition(jpql, parameters, "status", filter.status(), "=");
        condition(jpql, parameters, "timestamp", filter.since(), ">=");
        condition(jpql, parameters, "timestamp", filter.until(), "<=");
        TypedQuery<AuditEntry> query = em.createQuery(jpql.append(" ORDER BY e.seq").toString(), AuditEntry.class)
                .setMaxResults(limit);
        parameters.forEach(query::setParameter);
        return query.getResultList();
    }

    /** The principal's most recent entries with the developer, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntry> recentForPrincipal(String developerId, String principalId, int limit) {
        return em.createQuery("SELECT e FROM AuditEntry e WHERE e.developerId = :dev AND e.principalId = :principal "
                        + "ORDER BY e.seq DESC", AuditEntry.class)
                .setParameter("dev", developerId).setParameter("principal", principalId)
                .setMaxResults(limit).getResultList();
    }

    /**
     * The outcome of walking a chain, {valid, checkedEntries, firstBrokenAt, reason}: where it first
     * breaks ("link" or "content"), both null for an intact chain.
     */
    public record ChainReport(boolean valid, long checkedEntries, String firstBrokenAt, String reason) {
    }

    /**
     * Walks the developer's chain (or the part within since/until) in pages, recomputing every hash
     * and checking every link; memory stays constant however long the chain is. Within a time range the
     * first entry's link to the entry before the range is not checked. A walk to the end must arrive at
     * the chain's head; if entries were removed from the end, the missing newest entry is named.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ChainReport verify(String developerId, Instant since, Instant until) {
        Filter range = new Filter(null, null, null, null, null, since, until);
        long checked = 0;
        long after = 0;
        String previousHash = null;
        List<AuditEntry> page;
        do {
            page = list(developerId, range, after, VERIFY_PAGE);
            for (AuditEntry e : page) {
                boolean linked = checked == 0 ? since != null || e.prevHash() == null
                        : previousHash.equals(e.prevHash());
                if (!linked) {
                    return new ChainReport(false, checked, e.id(), "link");
                }
                String recomputed = AuditHash.of(e.id(), e.agentId(), e.agentDid(), e.grantId(), e.principalId(),
                        e.developerId(), e.action(), e.metadata(), Timestamps.format(e.timestamp()), e.prevHash(),
                        e.status());
                if (!recomputed.equals(e.hash())) {
                    return new ChainReport(false, checked, e.id(), "content");
                }
                checked++;
                previousHash = e.hash();
                after = e.seq();
            }
            em.clear();
        } while (page.size() == VERIFY_PAGE);
        // A walk to the chain's end must end at its head, or entries were removed from the end.
        AuditHead head = em.find(AuditHead.class, developerId);
        boolean walkedToEnd = until == null && (since == null || checked > 0);
        if (walkedToEnd && (head.seq() != after || !Objects.equals(head.hash(), previousHash))) {
            return new ChainReport(false, checked, head.entryId(), "link");
        }
        return new ChainReport(true, checked, null, null);
    }

    /** The developer's entry, or 404 (also for another developer's). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AuditEntry get(String developerId, String id) {
        AuditEntry entry = em.find(AuditEntry.class, id);
        if (entry == null || !entry.developerId().equals(developerId)) {
            throw ApiException.notFound("Audit entry not found");
        }
        return entry;
    }

    private static void condition(StringBuilder jpql, Map<String, Object> parameters, String field, Object value,
                                  String operator) {
        if (value != null) {
            String name = "p" + parameters.size();
            jpql.append(" AND e.").append(field).append(' ').append(operator).append(" :").append(name);
            parameters.put(name, value);
        }
    }
}
