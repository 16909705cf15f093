package dev.grantex.developers;

import dev.grantex.audit.AuditHead;
import dev.grantex.platform.Caller;
import dev.grantex.platform.Ids;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.errors.ErrorMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Developer accounts: creation, API-key authentication and rotation, profile settings. */
@ApplicationScoped
@Transactional
public class DeveloperService {
    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    ApiKeyCache keyCache;

    @Inject
    Event<ApiKeyRotated> keyRotated;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "grantex.default-plan", defaultValue = "free")
    String defaultPlan;

    /** A new account and the one time its API key is shown. */
    public record Created(Developer developer, String apiKey) {
    }

    public Created create(String name, String email, String mode, String plan) {
        String validName = DeveloperFields.name(name);
        String normalizedEmail = DeveloperFields.email(email);
        String validMode = DeveloperFields.mode(mode);
        String validPlan = DeveloperFields.plan(plan == null ? defaultPlan : plan);
        if (normalizedEmail != null && emailTaken(normalizedEmail)) {
            throw ApiException.conflict("A developer with this email already exists");
        }
        String apiKey = ApiKeys.generate(validMode);
        Developer developer = new Developer(Ids.newId("dev"), ApiKeys.hash(apiKey), validName, normalizedEmail,
                validMode, validPlan, clock.instant());
        try {
            em.persist(developer);
            em.flush();
            em.persist(new AuditHead(developer.id()));
            em.flush();
        } catch (PersistenceException e) {
            // The email's unique constraint, when two signups race past the check above. Told by the
            // error alone: PostgreSQL has aborted the transaction, so it can answer no further query.
            if (normalizedEmail != null && ErrorMapper.concurrentConflict(e)) {
                throw ApiException.conflict("A developer with this email already exists");
            }
            throw e;
        }
        return new Created(developer, apiKey);
    }

    /** Creates the operator's first developer with a given key, once; later starts find it by the key. */
    public void ensureBootstrapDeveloper(String apiKey, String mode) {
        if (apiKey.length() < ApiKeys.MIN_LENGTH || apiKey.length() > ApiKeys.MAX_LENGTH) {
            throw new IllegalStateException("GRANTEX_BOOTSTRAP_API_KEY must be 16 to 512 characters");
        }
        if (findByKeyHash(ApiKeys.hash(apiKey)).isPresent()) {
            return;
        }
        Developer developer = new Developer(Ids.newId("dev"), ApiKeys.hash(apiKey), "Bootstrap developer", null,
                DeveloperFields.mode(mode), DeveloperFields.plan(defaultPlan), clock.instant());
        em.persist(developer);
        em.flush();
        em.persist(new AuditHead(developer.id()));
        em.flush();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Caller> authenticate(String apiKey) {
        if (apiKey.length() < ApiKeys.MIN_LENGTH || apiKey.length() > ApiKeys.MAX_LENGTH) {
            return Optional.empty();
        }
        String hash = ApiKeys.hash(apiKey);
        return keyCache.get(hash, () -> findByKeyHash(hash)
                .map(d -> new ApiKeyCache.Entry(new Caller(d.id(), d.name(), d.mode(), d.plan()), d.keyRotatedAt())));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Developer get(String developerId) {
        Developer developer = em.find(Developer.class, developerId);
        if (developer == null) {
            throw ApiException.notFound("Developer not found");
        }
        return developer;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Developer> list() {
        return em.createQuery("SELECT d FROM Developer d ORDER BY d.createdAt DESC", Developer.class).getResultList();
    }

    public void updateSettings(String developerId, Boolean fidoRequired, String fidoRpName) {
        if (fidoRequired == null && fidoRpName == null) {
            throw ApiException.badRequest("Provide fidoRequired and/or fidoRpName");
        }
        if (fidoRpName != null && (fidoRpName.isBlank() || fidoRpName.length() > 100)) {
            throw ApiException.badRequest("fidoRpName must be 1 to 100 characters");
        }
        Developer developer = get(developerId);
        if (fidoRequired != null) {
            developer.setFidoRequired(fidoRequired);
        }
        if (fidoRpName != null) {
            developer.setFidoRpName(fidoRpName);
        }
    }

    /** Replaces the key; the old one stops working with this transaction's commit. */
    public String rotateKey(String developerId, Instant now) {
        Developer developer = em.find(Developer.class, developerId, LockModeType.PESSIMISTIC_WRITE);
        if (developer == null) {
            throw ApiException.notFound("Developer not found");
        }
        String apiKey = ApiKeys.generate(developer.mode());
        developer.replaceApiKey(ApiKeys.hash(apiKey), now);
        keyRotated.fire(new ApiKeyRotated(developerId));
        return apiKey;
    }

    private boolean emailTaken(String email) {
        return !em.createQuery("SELECT d.id FROM Developer d WHERE d.email = :email", String.class)
                .setParameter("email", email).setMaxResults(1).getResultList().isEmpty();
    }

    private Optional<Developer> findByKeyHash(String hash) {
        return em.createQuery("SELECT d FROM Developer d WHERE d.apiKeyHash = :hash", Developer.class)
                .setParameter("hash", hash).getResultStream().findFirst();
    }
}
