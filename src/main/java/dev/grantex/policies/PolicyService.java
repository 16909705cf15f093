package dev.grantex.policies;

import dev.grantex.platform.Ids;
import dev.grantex.platform.PlanLimits;
import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/** A developer's built-in policies: creation within the plan's quota, listing, changes and removal. */
@ApplicationScoped
@Transactional
public class PolicyService {
    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PlanLimits planLimits;

    @Inject
    Event<PoliciesChanged> changed;

    public Policy create(String developerId, String plan, JsonObject body) {
        PolicyFields fields = PolicyFields.create(body);
        planLimits.check(plan, PlanLimits.Resource.POLICIES, () -> {
            planLimits.lockDeveloper(developerId);
            return em.createQuery("SELECT COUNT(p) FROM Policy p WHERE p.developerId = :dev", Long.class)
                    .setParameter("dev", developerId).getSingleResult();
        });
        Policy policy = new Policy(Ids.newId("pol"), developerId, fields, clock.instant());
        em.persist(policy);
        changed.fire(new PoliciesChanged(developerId));
        return policy;
    }

    /** In the order they are evaluated: highest priority first, then the oldest. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Policy> list(String developerId) {
        return em.createQuery("SELECT p FROM Policy p WHERE p.developerId = :dev "
                + "ORDER BY p.priority DESC, p.createdAt ASC, p.id ASC", Policy.class)
                .setParameter("dev", developerId).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Policy get(String developerId, String id) {
        return find(developerId, id, LockModeType.NONE);
    }

    public Policy update(String developerId, String id, JsonObject body) {
        Policy policy = find(developerId, id, LockModeType.PESSIMISTIC_WRITE);
        policy.change(policy.fields().changedBy(body), clock.instant());
        changed.fire(new PoliciesChanged(developerId));
        return policy;
    }

    public void delete(String developerId, String id) {
        em.remove(find(developerId, id, LockModeType.PESSIMISTIC_WRITE));
        changed.fire(new PoliciesChanged(developerId));
    }

    /** The developer's policy, or 404 (also for another developer's). */
    private Policy find(String developerId, String id, LockModeType lock) {
        Policy policy = em.find(Policy.class, id, lock);
        if (policy == null || !policy.developerId().equals(developerId)) {
            throw ApiException.notFound("Policy not found");
        }
        return policy;
    }
}
