package dev.grantex.audit;

import dev.grantex.platform.Caller;
import dev.grantex.platform.Fields;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.web.QueryParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Appending to and reading a developer's audit chain. */
@ApplicationScoped
@Transactional
public class AuditService {
    static final int MAX_METADATA = 32_000;
    /**
     * The metadata a listing answers with at most (in characters of stored JSON), however many
     * entries were asked for, and always at least one entry. Each character of metadata takes about
     * twelve bytes of heap once read as a JSON object for the response (measured with Parsson: 390 KB
     * for an entry of 32,000 characters of empty objects), so a thousand such entries would take more
     * than the whole heap.
     */
    static final int MAX_LISTED_METADATA = 1 << 20;
    /** Entries read per query while a page fills: even at the longest metadata, 16 MB of text. */
    private static final int LIST_FETCH = 500;
    private static final int WALK_PAGE = 1000;
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
        requireStatus(status);
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

    /** Entries in chain order after a cursor; {@code more} when entries follow the last of them. */
    public record Page(List<AuditEntry> entries, boolean more) {
    }

    /**
     * Entries in chain order (timestamp, then id), after a cursor: at most {@code limit}, and no more
     * than {@link #MAX_LISTED_METADATA} of metadata.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page page(String developerId, Filter filter, long afterSeq, int limit) {
        List<AuditEntry> entries = new ArrayList<>();
        long metadata = 0;
        long cursor = afterSeq;
        while (true) {
            int asked = Math.min(LIST_FETCH, limit - entries.size() + 1);
            List<AuditEntry> read = list(developerId, filter, cursor, asked);
            for (AuditEntry entry : read) {
                metadata += entry.metadata().length();
                if (entries.size() == limit || overListingBudget(entries.size(), metadata)) {
                    return new Page(entries, true);
                }
                entries.add(entry);
            }
            if (read.size() < asked) {
                return new Page(entries, false);
            }
            cursor = read.get(read.size() - 1).seq();
        }
    }

    /** Whether a listing of {@code listed} entries stops before the next, at this much metadata with it. */
    private static boolean overListingBudget(int listed, long metadataWithNext) {
        return listed > 0 && metadataWithNext > MAX_LISTED_METADATA;
    }

    private List<AuditEntry> list(String developerId, Filter filter, long afterSeq, int limit) {
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

    /** How many of the developer's entries within since/until (null: open) have each status. */
    public record Counts(long total, long success, long failure, long blocked) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Counts count(String developerId, Instant since, Instant until) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        em.createQuery("SELECT e.status, COUNT(e) FROM AuditEntry e WHERE e.developerId = :dev"
                        + " AND e.timestamp >= :since AND e.timestamp <= :until GROUP BY e.status", Object[].class)
                .setParameter("dev", developerId).setParameter("since", since == null ? Instant.EPOCH : since)
                .setParameter("until", until == null ? QueryParams.LATEST : until)
                .getResultList().forEach(row -> byStatus.put((String) row[0], ((Number) row[1]).longValue()));
        return new Counts(byStatus.values().stream().mapToLong(Long::longValue).sum(), byStatus.getOrDefault("success", 0L),
                byStatus.getOrDefault("failure", 0L), byStatus.getOrDefault("blocked", 0L));
    }

    /** Refuses (400) a status no entry can have. */
    public static void requireStatus(String status) {
        if (!STATUSES.contains(status)) {
            throw ApiException.badRequest("status must be \"success\", \"failure\" or \"blocked\"");
        }
    }

    /**
     * The principal's most recent entries with the developer, newest first: at most {@code limit},
     * and no more than {@link #MAX_LISTED_METADATA} of metadata.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntry> recentForPrincipal(String developerId, String principalId, int limit) {
        List<AuditEntry> recent = em.createQuery("SELECT e FROM AuditEntry e WHERE e.developerId = :dev "
                        + "AND e.principalId = :principal ORDER BY e.seq DESC", AuditEntry.class)
                .setParameter("dev", developerId).setParameter("principal", principalId)
                .setMaxResults(limit).getResultList();
        long metadata = 0;
        for (int i = 0; i < recent.size(); i++) {
            metadata += recent.get(i).metadata().length();
            if (overListingBudget(i, metadata)) {
                return recent.subList(0, i);
            }
        }
        return recent;
    }

    /**
     * The outcome of walking a chain, {valid, checkedEntries, firstBrokenAt, reason}: where it first
     * breaks ("link" or "content"), both null for an intact chain.
     */
    public record ChainReport(boolean valid, long checkedEntries, String firstBrokenAt, String reason) {
    }

    /**
     * Walks the developer's chain (or the part within since/until) in pages, recomputing every hash
     * and checking every link (see {@link ChainCheck}); memory stays constant however long the chain is.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ChainReport verify(String developerId, Instant since, Instant until) {
        ChainCheck check = new ChainCheck(since, until);
        walk(developerId, new Filter(null, null, null, null, null, since, until), check::accept);
        return report(developerId, check);
    }

    /** The outcome of a check that was given every entry of its range, in chain order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ChainReport report(String developerId, ChainCheck check) {
        return check.report(em.find(AuditHead.class, developerId));
    }

    /**
     * Hands every entry matching the filter to {@code each}, in chain order, reading a page at a time
     * and letting each page go before the next: for exports and walks of any length.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void walk(String developerId, Filter filter, Consumer<AuditEntry> each) {
        long after = 0;
        List<AuditEntry> page;
        do {
            page = list(developerId, filter, after, WALK_PAGE);
            for (AuditEntry e : page) {
                each.accept(e);
                after = e.seq();
            }
            em.clear();
        } while (page.size() == WALK_PAGE);
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
