package dev.grantex.tokens;

import dev.grantex.agents.Agent;
import dev.grantex.authorization.AuthRequest;
import dev.grantex.authorization.AuthorizationService;
import dev.grantex.budgets.BudgetService;
import dev.grantex.credentials.CredentialFormat;
import dev.grantex.credentials.CredentialIssuer;
import dev.grantex.passports.PassportService;
import dev.grantex.grants.Grant;
import dev.grantex.grants.GrantService;
import dev.grantex.platform.Caller;
import dev.grantex.platform.ExpirySweep;
import dev.grantex.platform.PlanLimits;
import dev.grantex.platform.crypto.Hashes;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.storage.BatchedDelete;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Turning codes into grants and tokens, rotating refresh tokens, and revoking single tokens. */
@ApplicationScoped
@Transactional
public class TokenService {
    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    AuthorizationService authorizations;

    @Inject
    GrantService grants;

    @Inject
    TokenIssuer issuer;

    @Inject
    BudgetService budgets;

    @Inject
    CredentialIssuer credentials;

    @Inject
    BatchedDelete purges;

    @Inject
    PlanLimits planLimits;

    @Inject
    Clock clock;

    @Inject
    RevocationCache revocations;

    @Inject
    PassportService passports;

    /**
     * Consumes the code and creates the grant, its token and refresh token, and the credential asked
     * for, all or nothing.
     */
    public TokenIssuer.Issued exchange(Caller caller, String code, String agentId, String codeVerifier,
                                       CredentialFormat format, JsonObject holderKey) {
        AuthRequest request = authorizations.consume(caller, code, agentId, codeVerifier);
        Instant now = clock.instant();
        // Locked, because this creates a grant: concurrent exchanges cannot all pass the same count.
        planLimits.check(caller.plan(), PlanLimits.Resource.ACTIVE_GRANTS, () -> {
            planLimits.lockDeveloper(caller.developerId());
            return grants.countActive(caller.developerId());
        });
        // The grant lives as long as the request asked for (expiresIn), counted from now.
        Instant expiresAt = now.plus(Duration.between(request.createdAt(), request.expiresAt())).truncatedTo(ChronoUnit.SECONDS);
        Grant grant = grants.create(caller.developerId(), request.agentId(), request.principalId(), request.scopes(),
                expiresAt, null, request.audience(), request.fido());
        String agentDid = Agent.didOf(request.agentId());
        TokenIssuer.Issued issued = issuer.issue(grant, agentDid, null, null);
        CredentialIssuer.Issued credential = credentials.issue(grant, agentDid, format, holderKey);
        return issued.withCredentials(format == CredentialFormat.AGENT_PASSPORT
                ? CredentialIssuer.Issued.agentPassport(passports.issueAtExchange(grant)) : credential);
    }

    /**
     * Rotates a refresh token: the presented one is used up and a new token pair issued for the same
     * grant, expiring with it. Presenting an already-used refresh token also kills the grant's other
     * live refresh tokens (reuse detection); that change is kept although the call answers 400.
     */
    @Transactional(dontRollbackOn = ApiException.class)
    public TokenIssuer.Issued refresh(Caller caller, String refreshToken, String agentId) {
        RefreshToken stored = em.find(RefreshToken.class, Hashes.sha256Hex(refreshToken), LockModeType.PESSIMISTIC_WRITE);
        if (stored == null || !stored.developerId().equals(caller.developerId())) {
            throw ApiException.badRequest("Invalid refresh token");
        }
        Grant grant = em.find(Grant.class, stored.grantId());
        Agent agent = em.find(Agent.class, grant.agentId());
        if (agent == null || !Agent.ACTIVE.equals(agent.status())) {
            throw ApiException.badRequest("Invalid refresh token");
        }
        if (!grant.agentId().equals(agentId)) {
            throw ApiException.badRequest("Agent mismatch");
        }
        if (stored.used()) {
            em.createQuery("UPDATE RefreshToken r SET r.used = true WHERE r.grantId = :grant AND r.used = false")
                    .setParameter("grant", grant.id()).executeUpdate();
            throw ApiException.badRequest("Refresh token already used");
        }
        Instant now = clock.instant();
        if (!stored.expiresAt().isAfter(now)) {
            throw ApiException.badRequest("Refresh token expired");
        }
        if (!grant.usable(now)) {
            throw ApiException.badRequest("Grant is no longer active");
        }
        stored.markUsed();
        String parentAgentDid = grant.parentGrantId() == null ? null
                : Agent.didOf(em.find(Grant.class, grant.parentGrantId()).agentId());
        return issuer.issue(grant, Agent.didOf(grant.agentId()), parentAgentDid,
                budgets.remainingOf(grant.id()).orElse(null));
    }

    /** Revokes one token of the caller; 404 when unknown, another developer's, or already revoked. */
    public void revokeToken(String developerId, String jti) {
        int updated = em.createQuery("UPDATE GrantToken t SET t.revoked = true WHERE t.jti = :jti "
                        + "AND t.developerId = :dev AND t.revoked = false")
                .setParameter("jti", jti).setParameter("dev", developerId).executeUpdate();
        if (updated == 0) {
            throw ApiException.notFound("Token not found or already revoked");
        }
        Instant expiresAt = em.createQuery("SELECT t.expiresAt FROM GrantToken t WHERE t.jti = :jti", Instant.class)
                .setParameter("jti", jti).getSingleResult();
        revocations.record(Map.of(RevocationCache.tokenKey(jti), expiresAt));
    }

    /** The sweep removes expired refresh tokens; used ones are kept until then, for reuse detection. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    void purgeExpiredRefreshTokens(@Observes ExpirySweep sweep) {
        purges.deleteAll(RefreshToken.class, "tokenHash", "x.expiresAt <= :now", Map.of("now", sweep.now()));
    }
}
