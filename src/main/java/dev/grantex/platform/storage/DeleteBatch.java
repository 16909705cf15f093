package dev.grantex.platform.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/** One batch of a {@link BatchedDelete}, in a transaction of its own. */
@ApplicationScoped
public class DeleteBatch {
    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    /** Deletes up to {@code limit} rows of the entity that match the condition; how many it deleted. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int delete(Class<?> entity, String idAttribute, String condition, Map<String, Object> parameters, int limit) {
        String name = entity.getSimpleName();
        TypedQuery<Object> matching = em.createQuery("SELECT x." + idAttribute + " FROM " + name + " x WHERE " + condition,
                Object.class).setMaxResults(limit);
        parameters.forEach(matching::setParameter);
        List<Object> ids = matching.getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("DELETE FROM " + name + " x WHERE x." + idAttribute + " IN :ids").setParameter("ids", ids)
                .executeUpdate();
    }
}
