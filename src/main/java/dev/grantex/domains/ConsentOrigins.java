package dev.grantex.domains;

import dev.grantex.platform.web.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The origin of a developer's consent links: https:// and its first verified custom domain, or the
 * server's public URL. Remembered per developer for 30 seconds, so authorization requests do not read
 * the domains table each time; a change is seen at once on the node that made it and within 30 s on
 * the others.
 */
@ApplicationScoped
public class ConsentOrigins {
    static final Duration REMEMBERED = Duration.ofSeconds(30);

    private record Remembered(String origin, Instant until) {
    }

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    PublicUrl publicUrl;

    @Inject
    Clock clock;

    private final Map<String, Remembered> byDeveloper = new ConcurrentHashMap<>();

    @Transactional(Transactional.TxType.SUPPORTS)
    public String originFor(String developerId) {
        Instant now = clock.instant();
        Remembered remembered = byDeveloper.get(developerId);
        if (remembered != null && now.isBefore(remembered.until())) {
            return remembered.origin();
        }
        List<String> verified = em.createQuery("SELECT d.domain FROM CustomDomain d WHERE d.developerId = :dev "
                        + "AND d.verified = true ORDER BY d.verifiedAt, d.id", String.class)
                .setParameter("dev", developerId).setMaxResults(1).getResultList();
        String origin = verified.isEmpty() ? publicUrl.origin() : "https://" + verified.get(0);
        byDeveloper.put(developerId, new Remembered(origin, now.plus(REMEMBERED)));
        return origin;
    }

    void forget(String developerId) {
        byDeveloper.remove(developerId);
    }
}
