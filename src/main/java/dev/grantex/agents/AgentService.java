package dev.grantex.agents;

import dev.grantex.platform.Ids;
import dev.grantex.platform.PlanLimits;
import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Registering, changing and removing agents, always within the calling developer's own agents. */
@ApplicationScoped
@Transactional
public class AgentService {
    private static final int MAX_NAME = 200;
    private static final int MAX_DESCRIPTION = 4000;
    private static final Set<String> STATUSES = Set.of(Agent.ACTIVE, Agent.SUSPENDED);

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PlanLimits planLimits;

    @Inject
    Event<AgentDeleting> deleting;

    public Agent create(String developerId, String plan, String name, String description, List<String> scopes) {
        String validName = requireName(name);
        String validDescription = description == null ? "" : checkDescription(description);
        List<String> validScopes = scopes == null ? List.of() : Scopes.validate(scopes);
        planLimits.check(plan, PlanLimits.Resource.AGENTS, () -> {
            planLimits.lockDeveloper(developerId);
            return em.createQuery("SELECT COUNT(a) FROM Agent a WHERE a.developerId = :dev", Long.class)
                    .setParameter("dev", developerId).getSingleResult();
        });
        Agent agent = new Agent(Ids.newId("ag"), developerId, validName, validDescription, validScopes, clock.instant());
        em.persist(agent);
        return agent;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Agent> list(String developerId) {
        return em.createQuery("SELECT a FROM Agent a WHERE a.developerId = :dev ORDER BY a.createdAt DESC, a.id DESC",
                Agent.class).setParameter("dev", developerId).getResultList();
    }

    /** How many of the developer's agents are in each status. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Long> countByStatus(String developerId) {
        Map<String, Long> counts = new HashMap<>();
        em.createQuery("SELECT a.status, COUNT(a) FROM Agent a WHERE a.developerId = :dev GROUP BY a.status", Object[].class)
                .setParameter("dev", developerId).getResultList()
                .forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    /** The developer's agents among {@code agentIds}, by id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Agent> byIds(String developerId, Collection<String> agentIds) {
        if (agentIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("SELECT a FROM Agent a WHERE a.developerId = :dev AND a.id IN :ids", Agent.class)
                .setParameter("dev", developerId).setParameter("ids", agentIds).getResultStream()
                .collect(Collectors.toMap(Agent::id, Function.identity()));
    }

    /** The developer's agent, or 404 — also for another developer's agent, so ids reveal nothing. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Agent get(String developerId, String agentId) {
        return owned(developerId, em.find(Agent.class, agentId));
    }

    private static Agent owned(String developerId, Agent agent) {
        if (agent == null || !agent.developerId().equals(developerId)) {
            throw ApiException.notFound("Agent not found");
        }
        return agent;
    }

    public Agent update(String developerId, String agentId, String name, String description, List<String> scopes,
                        String status) {
        if (name == null && description == null && scopes == null && status == null) {
            throw ApiException.badRequest("Provide at least one of name, description, scopes, status");
        }
        String validName = name == null ? null : requireName(name);
        String validDescription = description == null ? null : checkDescription(description);
        List<String> validScopes = scopes == null ? null : Scopes.validate(scopes);
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("status must be \"active\" or \"suspended\"");
        }
        Agent agent = get(developerId, agentId);
        agent.update(validName, validDescription, validScopes, status, clock.instant());
        return agent;
    }

    /** Removes the agent with its grants, tokens and authorization requests; audit entries stay. */
    public void delete(String developerId, String agentId) {
        // Locked: a second delete at once (a client's retry) waits, then finds no agent (404), instead
        // of removing the same grants again.
        Agent agent = owned(developerId, em.find(Agent.class, agentId, LockModeType.PESSIMISTIC_WRITE));
        deleting.fire(new AgentDeleting(developerId, agentId));
        em.remove(agent);
    }

    private static String requireName(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            throw ApiException.badRequest("name is required");
        }
        if (trimmed.length() > MAX_NAME) {
            throw ApiException.badRequest("name must be at most " + MAX_NAME + " characters");
        }
        return trimmed;
    }

    private static String checkDescription(String description) {
        if (description.length() > MAX_DESCRIPTION) {
            throw ApiException.badRequest("description must be at most " + MAX_DESCRIPTION + " characters");
        }
        return description;
    }
}
