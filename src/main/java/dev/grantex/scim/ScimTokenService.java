package dev.grantex.scim;

import dev.grantex.developers.Developer;
import dev.grantex.developers.DeveloperService;
import dev.grantex.platform.Caller;
import dev.grantex.platform.Fields;
import dev.grantex.platform.Ids;
import dev.grantex.platform.crypto.Hashes;
import dev.grantex.platform.crypto.RandomBytes;
import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** A developer's SCIM tokens: 32 random bytes as 64 hex characters, shown once, kept as their SHA-256. */
@ApplicationScoped
@Transactional
public class ScimTokenService {
    private static final int TOKEN_BYTES = 32;

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    DeveloperService developers;

    /** A token just made, with its secret. */
    public record Created(ScimToken token, String secret) {
    }

    public Created create(String developerId, String label) {
        String secret = HexFormat.of().formatHex(RandomBytes.of(TOKEN_BYTES));
        ScimToken token = new ScimToken(Ids.newId("scimtok"), developerId, Fields.requireText(label, "label", 256),
                Hashes.sha256Hex(secret), clock.instant());
        em.persist(token);
        return new Created(token, secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ScimToken> list(String developerId) {
        return em.createQuery("SELECT t FROM ScimToken t WHERE t.developerId = :dev ORDER BY t.createdAt, t.id",
                ScimToken.class).setParameter("dev", developerId).getResultList();
    }

    public void delete(String developerId, String id) {
        ScimToken token = em.find(ScimToken.class, id);
        if (token == null || !token.developerId().equals(developerId)) {
            throw ApiException.notFound("SCIM token not found");
        }
        em.remove(token);
    }

    /** The developer a SCIM token acts for, if it is one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Caller> authenticate(String secret) {
        if (secret.length() != 2 * TOKEN_BYTES) {
            return Optional.empty();
        }
        return em.createQuery("SELECT t.developerId FROM ScimToken t WHERE t.tokenHash = :hash", String.class)
                .setParameter("hash", Hashes.sha256Hex(secret)).getResultStream().findFirst()
                .map(developerId -> {
                    Developer developer = developers.get(developerId);
                    return new Caller(developer.id(), developer.name(), developer.mode(), developer.plan());
                });
    }
}
