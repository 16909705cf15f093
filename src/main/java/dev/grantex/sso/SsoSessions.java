package dev.grantex.sso;

import dev.grantex.platform.ExpirySweep;
import dev.grantex.platform.Ids;
import dev.grantex.platform.crypto.Hashes;
import dev.grantex.platform.crypto.RandomBytes;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.Jsonp;
import dev.grantex.platform.storage.BatchedDelete;
import dev.grantex.principals.PrincipalSession;
import dev.grantex.principals.SingleSignOn;
import dev.grantex.scim.ScimUserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SSO sessions: opened by a successful sign-in for 8 hours, listed and revoked by the developer. The
 * token ("gxsso_" and 64 hex characters) is shown once and kept as its SHA-256; it opens the
 * principal routes for the person's SCIM user.
 */
@ApplicationScoped
@Transactional
public class SsoSessions implements SingleSignOn {
    static final Duration LIFETIME = Duration.ofHours(8);
    private static final String TOKEN_PREFIX = "gxsso_";

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SsoConnections connections;

    @Inject
    BatchedDelete purges;

    @Inject
    ScimUserService users;

    /** A session just opened, with its token. */
    record Opened(SsoSession session, String token) {
    }

    Opened open(String developerId, String connectionId, String principalId, SignedInIdentity identity,
                List<String> mappedScopes) {
        String token = TOKEN_PREFIX + HexFormat.of().formatHex(RandomBytes.of(32));
        Instant now = clock.instant();
        SsoSession session = new SsoSession(Ids.newId("ssosess"), developerId, connectionId, principalId, identity,
                Jsonp.stringArray(identity.groups()).build().toString(),
                Jsonp.stringArray(mappedScopes).build().toString(), Hashes.sha256Hex(token), now, now.plus(LIFETIME));
        em.persist(session);
        return new Opened(session, token);
    }

    /** The developer's sessions that have not expired, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SsoSession> list(String developerId) {
        return em.createQuery("SELECT s FROM SsoSession s WHERE s.developerId = :dev AND s.expiresAt > :now "
                        + "ORDER BY s.createdAt DESC, s.id DESC", SsoSession.class)
                .setParameter("dev", developerId).setParameter("now", clock.instant()).getResultList();
    }

    public void revoke(String developerId, String id) {
        SsoSession session = em.find(SsoSession.class, id);
        if (session == null || !session.developerId().equals(developerId)) {
            throw ApiException.notFound("SSO session not found");
        }
        em.remove(session);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PrincipalSession> session(String token) {
        if (!token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        SsoSession session = em.createQuery("SELECT s FROM SsoSession s WHERE s.tokenHash = :hash", SsoSession.class)
                .setParameter("hash", Hashes.sha256Hex(token)).getResultStream().findFirst()
                .orElseThrow(() -> ApiException.unauthorized("Invalid session token"));
        if (!session.expiresAt().isAfter(clock.instant())) {
            throw ApiException.unauthorized("Session expired");
        }
        if (session.principalId() == null) {
            throw ApiException.unauthorized("This SSO session names no provisioned user: turn on jitProvisioning "
                    + "or provision the user over SCIM");
        }
        if (session.connectionId() != null && !connections.signsIn(session.developerId(), session.connectionId())) {
            throw ApiException.unauthorized("The SSO connection of this session was deleted or is no longer active");
        }
        if (!users.isActive(session.developerId(), session.principalId())) {
            throw ApiException.unauthorized("The user of this session was deactivated or deleted");
        }
        return Optional.of(new PrincipalSession(session.developerId(), session.principalId(), session.expiresAt()));
    }

    @Override
    public boolean enforced(String developerId) {
        return connections.enforced(developerId);
    }

    /** The sweep removes expired sessions and logins never completed. */
    void purge(@Observes ExpirySweep sweep) {
        purges.deleteAll(SsoSession.class, "id", "x.expiresAt < :now", Map.of("now", sweep.now()));
        purges.deleteAll(SsoLoginRequest.class, "id", "x.expiresAt < :now", Map.of("now", sweep.now()));
    }
}
