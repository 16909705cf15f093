package dev.grantex.sso;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/** Logins in progress: stored at /sso/login, taken exactly once by the callback. */
@ApplicationScoped
@Transactional
public class LoginRequests {
    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    void save(SsoLoginRequest request) {
        em.persist(request);
    }

    /**
     * The login request, removed so that no other callback gets it; empty when it is unknown, was
     * taken already (also by a concurrent callback: only one delete removes the row) or expired.
     */
    Optional<SsoLoginRequest> take(String id, Instant now) {
        SsoLoginRequest request = em.find(SsoLoginRequest.class, id);
        if (request == null) {
            return Optional.empty();
        }
        int removed = em.createQuery("DELETE FROM SsoLoginRequest r WHERE r.id = :id").setParameter("id", id).executeUpdate();
        return removed == 1 && request.expiresAt().isAfter(now) ? Optional.of(request) : Optional.empty();
    }
}
