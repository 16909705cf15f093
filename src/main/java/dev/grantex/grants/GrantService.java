package dev.grantex.grants;

import dev.grantex.agents.AgentDeleting;
import dev.grantex.events.EventLog;
import dev.grantex.events.EventType;
import dev.grantex.platform.ExpirySweep;
import dev.grantex.platform.Ids;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.Jsonp;
import dev.grantex.platform.storage.IdSlices;
import dev.grantex.platform.storage.KeysetPages;
import dev.grantex.platform.web.QueryParams;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/** Grants: creation, listing, and revocation of a grant together with everything delegated from it. */
@ApplicationScoped
@Transactional
public class GrantService {
    private static final int WALK_PAGE = 1000;

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<GrantsRevoked> revokedGrants;

    @Inject
    Event<GrantsDeleting> deletingGrants;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    /**
     * Registered when the bean is made, which is when the application starts, so it is on /metrics
     * before the first revocation; and never missing when a timer revokes before the Startup event.
     * Injected with @Metric, it was missing from scrapes when MetricsIT ran on a fresh server.
     */
    private Counter revokedCount;

    @Inject
    EventLog events;

    @PostConstruct
    void registerCounter() {
        revokedCount = metrics.counter(Metadata.builder().withName("grantex_grants_revoked")
                .withDescription("Grants revoked, each grant of a cascade counted").build());
    }

    /** Observed so that the bean, and so its counter, is made as the application starts. */
    void startWithTheApplication(@Observes Startup startup) {
    }

    /** Stores a new active grant in the caller's transaction, with the passkey check of the consent it rests on. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Grant create(String developerId, String agentId, String principalId, List<String> scopes,
                        Instant expiresAt, Grant parent, String audience, FidoConsent fido) {
        Grant grant = new Grant(Ids.newId("grnt"), developerId, agentId, principalId, scopes, clock.instant(), expiresAt,
                parent == null ? null : parent.id(), parent == null ? 0 : parent.delegationDepth() + 1, audience, fido);
        em.persist(grant);
        JsonObjectBuilder data = Jsonp.objectBuilder().add("grantId", grant.id()).add("agentId", agentId)
                .add("principalId", principalId).add("scopes", Jsonp.stringArray(scopes))
                .add("expiresAt", Timestamps.format(expiresAt));
        if (parent != null) {
            data.add("delegationDepth", grant.delegationDepth()).add("parentGrantId", parent.id());
        }
        events.record(developerId, EventType.GRANT_CREATED, data.build());
        return grant;
    }

    /**
     * Hands the developer's grants, newest first, optionally of one agent, principal and stored status,
     * to {@code each} a page at a time, letting each page go before the next: a developer may have
     * millions, which as one list would not fit the heap.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void list(String developerId, String agentId, String principalId, String status, Consumer<Grant> each) {
        StringBuilder jpql = new StringBuilder("SELECT g FROM Grant g WHERE g.developerId = :dev");
        if (agentId != null) {
            jpql.append(" AND g.agentId = :agent");
        }
        if (principalId != null) {
            jpql.append(" AND g.principalId = :principal");
        }
        if (status != null) {
            jpql.append(" AND g.status = :status");
        }
        jpql.append(" AND g.issuedAt <= :keyTime AND (g.issuedAt < :keyTime OR g.id < :keyId)"
                + " ORDER BY g.issuedAt DESC, g.id DESC");
        TypedQuery<Grant> query = em.createQuery(jpql.toString(), Grant.class).setParameter("dev", developerId);
        if (agentId != null) {
            query.setParameter("agent", agentId);
        }
        if (principalId != null) {
            query.setParameter("principal", principalId);
        }
        if (status != null) {
            query.setParameter("status", status);
        }
        KeysetPages.forEach(em, query, WALK_PAGE, KeysetPages.AFTER_ALL, Grant::issuedAt, Grant::id, each);
    }

    /** A grant's status as reported: an active grant past its expiry is "expired" even before the sweep marks it. */
    public static String reportedStatus(Grant grant, Instant now) {
        return Grant.ACTIVE.equals(grant.status()) && !grant.usable(now) ? Grant.EXPIRED : grant.status();
    }

    /** How many of the developer's grants issued within since/until (null: open) are in each reported status. */
    public record Counts(long total, long active, long revoked, long expired) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Counts count(String developerId, Instant since, Instant until) {
        Instant now = clock.instant();
        TypedQuery<Object[]> query = em.createQuery("SELECT g.status, COUNT(g), "
                + "SUM(CASE WHEN g.expiresAt > :now THEN 1 ELSE 0 END) FROM Grant g WHERE g.developerId = :dev"
                + " AND g.issuedAt >= :since AND g.issuedAt <= :until GROUP BY g.status", Object[].class);
        query.setParameter("now", now).setParameter("dev", developerId)
                .setParameter("since", since == null ? Instant.EPOCH : since)
                .setParameter("until", until == null ? QueryParams.LATEST : until);
        long total = 0;
        long active = 0;
        long revoked = 0;
        long expired = 0;
        for (Object[] row : query.getResultList()) {
            long count = ((Number) row[1]).longValue();
            long unexpired = ((Number) row[2]).longValue();
            total += count;
            switch ((String) row[0]) {
                case Grant.ACTIVE -> {
                    active += unexpired;
                    expired += count - unexpired;
                }
                case Grant.REVOKED -> revoked += count;
                default -> expired += count;
            }
        }
        return new Counts(total, active, revoked, expired);
    }

    /**
     * Hands the developer's grants issued within since/until (null: open), of one reported status
     * (null: any), to {@code each} in issue order, a page at a time, letting each page go before the
     * next: for exports of any size.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void walk(String developerId, Instant since, Instant until, String status, Consumer<Grant> each) {
        String statusCondition = status == null ? "" : reportedStatusCondition(status);
        TypedQuery<Grant> query = em.createQuery("SELECT g FROM Grant g WHERE g.developerId = :dev"
                + " AND g.issuedAt >= :since AND g.issuedAt <= :until" + statusCondition
                + " AND g.issuedAt >= :keyTime AND (g.issuedAt > :keyTime OR g.id > :keyId)"
                + " ORDER BY g.issuedAt, g.id", Grant.class);
        query.setParameter("dev", developerId).setParameter("since", since == null ? Instant.EPOCH : since)
                .setParameter("until", until == null ? QueryParams.LATEST : until);
        if (statusCondition.contains(":now")) {
            query.setParameter("now", clock.instant());
        }
        KeysetPages.forEach(em, query, WALK_PAGE, KeysetPages.BEFORE_ALL, Grant::issuedAt, Grant::id, each);
    }

    /** Refuses (400) a status that is not one a grant can be reported in. */
    public static void requireReportedStatus(String status) {
        reportedStatusCondition(status);
    }

    private static String reportedStatusCondition(String status) {
        return switch (status) {
            case Grant.ACTIVE -> " AND g.status = 'active' AND g.expiresAt > :now";
            case Grant.EXPIRED -> " AND (g.status = 'expired' OR (g.status = 'active' AND g.expiresAt <= :now))";
            case Grant.REVOKED -> " AND g.status = 'revoked'";
            default -> throw ApiException.badRequest("status must be \"active\", \"revoked\" or \"expired\"");
        };
    }

    /** Active, unexpired grants of the developer (the plan quota counts these). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long countActive(String developerId) {
        return em.createQuery("SELECT COUNT(g) FROM Grant g WHERE g.developerId = :dev AND g.status = 'active' "
                        + "AND g.expiresAt > :now", Long.class)
                .setParameter("dev", developerId).setParameter("now", clock.instant()).getSingleResult();
    }

    /** The principal's active, unexpired grants with the developer, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Grant> activeForPrincipal(String developerId, String principalId) {
        return activeForPrincipalQuery(developerId, principalId).getResultList();
    }

    /** Whether the principal has at least one active, unexpired grant with the developer. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean hasActiveGrant(String developerId, String principalId) {
        return !activeForPrincipalQuery(developerId, principalId).setMaxResults(1).getResultList().isEmpty();
    }

    private TypedQuery<Grant> activeForPrincipalQuery(String developerId, String principalId) {
        return em.createQuery("SELECT g FROM Grant g WHERE g.developerId = :dev AND g.principalId = :principal "
                        + "AND g.status = 'active' AND g.expiresAt > :now ORDER BY g.issuedAt DESC, g.id DESC", Grant.class)
                .setParameter("dev", developerId).setParameter("principal", principalId).setParameter("now", clock.instant());
    }

    /** The developer's grant, or 404 (also for another developer's grant). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Grant get(String developerId, String grantId) {
        Grant grant = em.find(Grant.class, grantId);
        if (grant == null || !grant.developerId().equals(developerId)) {
            throw ApiException.notFound("Grant not found");
        }
        return grant;
    }

    /**
     * The grant locked against concurrent revocation or delegation, in the caller's transaction, so a
     * child can never be added under a parent that is being revoked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Grant lock(String grantId) {
        return em.find(Grant.class, grantId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Revokes an active grant and every active grant delegated from it, at any depth, in one
     * transaction. 404 when the grant is not the developer's or not active.
     */
    public List<String> revoke(String developerId, String grantId) {
        Grant root = lock(grantId);
        if (root == null || !root.developerId().equals(developerId) || !Grant.ACTIVE.equals(root.status())) {
            throw ApiException.notFound("Grant not found or already revoked");
        }
        Instant now = clock.instant();
        List<String> revoked = new ArrayList<>();
        List<String> frontier = List.of(root.id());
        root.revoke(now);
        revoked.add(root.id());
        Map<String, Instant> expiryByGrantId = new LinkedHashMap<>();
        expiryByGrantId.put(root.id(), root.expiresAt());
        while (!frontier.isEmpty()) {
            List<Grant> children = IdSlices.query(frontier, parents -> em.createQuery("SELECT g FROM Grant g "
                            + "WHERE g.parentGrantId IN :parents AND g.status = 'active'", Grant.class)
                    .setParameter("parents", parents)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList());
            List<String> next = new ArrayList<>();
            for (Grant child : children) {
                child.revoke(now);
                revoked.add(child.id());
                expiryByGrantId.put(child.id(), child.expiresAt());
                next.add(child.id());
            }
            frontier = next;
        }
        revokedGrants.fire(new GrantsRevoked(expiryByGrantId));
        revokedCount.inc(revoked.size());
        events.record(developerId, EventType.GRANT_REVOKED,
                Jsonp.objectBuilder().add("grantId", root.id()).add("cascade", revoked.size() > 1).build());
        return revoked;
    }

    /**
     * Revokes every active grant of one of the developer's agents, each with what was delegated from
     * it, in the caller's transaction; returns the ids revoked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> revokeAllOfAgent(String developerId, String agentId) {
        return revokeEach(developerId, em.createQuery("SELECT g.id FROM Grant g WHERE g.developerId = :dev "
                        + "AND g.agentId = :agent AND g.status = 'active'", String.class)
                .setParameter("dev", developerId).setParameter("agent", agentId).getResultList());
    }

    /**
     * Revokes every active grant given by any of the principal ids (one person known by several, such
     * as a provisioned user's id, userName and externalId), each with what was delegated from it, in
     * the caller's transaction; returns the ids revoked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> revokeAllOfPrincipals(String developerId, Collection<String> principalIds) {
        return revokeEach(developerId, em.createQuery("SELECT g.id FROM Grant g WHERE g.developerId = :dev "
                        + "AND g.principalId IN :principals AND g.status = 'active'", String.class)
                .setParameter("dev", developerId).setParameter("principals", principalIds).getResultList());
    }

    private List<String> revokeEach(String developerId, List<String> grantIds) {
        List<String> revoked = new ArrayList<>();
        for (String id : grantIds) {
            // An earlier grant's cascade may have revoked this one already, or its agent's deletion
            // removed it.
            if (active(lock(id))) {
                revoked.addAll(revoke(developerId, id));
            }
        }
        return revoked;
    }

    /** Whether a grant read under its lock is still there and active. */
    private static boolean active(Grant locked) {
        return locked != null && Grant.ACTIVE.equals(locked.status());
    }

    /** Like {@link #revoke}, for the principal the grant was given by: 404 for anyone else's grant. */
    public List<String> revokeForPrincipal(String developerId, String principalId, String grantId) {
        Grant grant = lock(grantId);
        if (grant == null || !grant.principalId().equals(principalId)) {
            throw ApiException.notFound("Grant not found or already revoked");
        }
        return revoke(developerId, grantId);
    }

    /**
     * Removes a deleted agent's grants, in the deleting transaction. Active grants are revoked first,
     * so grants delegated from them to other agents end revoked, not orphaned-active.
     */
    void deleteAgentGrants(@Observes AgentDeleting deleting) {
        List<Object[]> grants = em.createQuery("SELECT g.id, g.status, g.expiresAt FROM Grant g WHERE g.agentId = :agent",
                Object[].class).setParameter("agent", deleting.agentId()).getResultList();
        if (grants.isEmpty()) {
            return;
        }
        Map<String, Instant> expiryByGrantId = new LinkedHashMap<>();
        for (Object[] grant : grants) {
            String id = (String) grant[0];
            // Only an active grant can change meanwhile: it is locked, and revoked unless a revocation
            // (this loop's cascade from another of the agent's grants, or a concurrent one) came first.
            if (Grant.ACTIVE.equals(grant[1]) && active(lock(id))) {
                revoke(deleting.developerId(), id);
            }
            expiryByGrantId.put(id, (Instant) grant[2]);
        }
        deletingGrants.fire(new GrantsDeleting(expiryByGrantId));
        IdSlices.forEach(expiryByGrantId.keySet(), ids -> em.createQuery(
                        "UPDATE Grant g SET g.parentGrantId = NULL WHERE g.parentGrantId IN :ids")
                .setParameter("ids", ids).executeUpdate());
        em.createQuery("UPDATE Grant g SET g.parentGrantId = NULL WHERE g.agentId = :agent")
                .setParameter("agent", deleting.agentId()).executeUpdate();
        em.createQuery("DELETE FROM Grant g WHERE g.agentId = :agent").setParameter("agent", deleting.agentId())
                .executeUpdate();
    }

    /** The sweep marks active grants past their expiry as expired (verification refuses them by date anyway). */
    void markExpired(@Observes ExpirySweep sweep) {
        em.createQuery("UPDATE Grant g SET g.status = :expired WHERE g.status = :active AND g.expiresAt <= :now")
                .setParameter("expired", Grant.EXPIRED).setParameter("active", Grant.ACTIVE)
                .setParameter("now", sweep.now()).executeUpdate();
    }
}
