package dev.grantex.authorization;

import dev.grantex.agents.Agent;
import dev.grantex.agents.AgentDeleting;
import dev.grantex.agents.Scopes;
import dev.grantex.authorization.AuthorizeViews.AuthorizeRequest;
import dev.grantex.developers.Developer;
import dev.grantex.grants.GrantService;
import dev.grantex.platform.Caller;
import dev.grantex.platform.Durations;
import dev.grantex.platform.ExpirySweep;
import dev.grantex.platform.Fields;
import dev.grantex.platform.Ids;
import dev.grantex.platform.PlanLimits;
import dev.grantex.platform.crypto.Hashes;
import dev.grantex.platform.crypto.Secrets;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.storage.BatchedDelete;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Authorization requests: creation, the principal's consent, and the single use of their codes. */
@ApplicationScoped
@Transactional
public class AuthorizationService {
    private static final String DEFAULT_EXPIRES_IN = "24h";

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    BatchedDelete purges;

    @Inject
    Clock clock;

    @Inject
    PlanLimits planLimits;

    @Inject
    AuthorizationPolicy policy;

    @Inject
    GrantService grants;

    /** A stored request and, when it was approved at once, its code in clear. */
    public record Created(AuthRequest request, String code, Optional<AuthorizationPolicy.Verdict> verdict) {
    }

    /** A consent decision's outcome: the code (on approval) and where the browser goes next. */
    public record Consent(String code, String redirectUri, String state) {
    }

    public Created authorize(Caller caller, AuthorizeRequest body) {
        String principalId = body.principalId() != null ? body.principalId() : body.userId();
        if (!Fields.isText(body.agentId(), 256) || !Fields.isText(principalId, 256)
                || body.scopes() == null || body.scopes().isEmpty()) {
            throw ApiException.badRequest("agentId, principalId, and scopes are required");
        }
        List<String> scopes = Scopes.validate(body.scopes());
        String redirectUri = body.redirectUri() == null ? null : checkRedirectUri(body.redirectUri());
        if (body.state() != null && body.state().length() > 1024) {
            throw ApiException.badRequest("state must be at most 1024 characters");
        }
        if (body.audience() != null) {
            Fields.requireText(body.audience(), "audience", 1024);
        }
        String challenge = Pkce.checkChallenge(body.codeChallenge(), body.codeChallengeMethod());
        Instant now = clock.instant();
        planLimits.check(caller.plan(), PlanLimits.Resource.ACTIVE_GRANTS, () -> grants.countActive(caller.developerId()));
        Agent agent = em.find(Agent.class, body.agentId());
        if (agent == null || !agent.developerId().equals(caller.developerId()) || !Agent.ACTIVE.equals(agent.status())) {
            throw ApiException.notFound("Agent not found");
        }
        if (!agent.scopes().isEmpty() && !agent.scopes().containsAll(scopes)) {
            throw ApiException.badRequest("Requested scopes exceed the agent's registered scopes: "
                    + String.join(", ", scopes.stream().filter(s -> !agent.scopes().contains(s)).toList()));
        }
        AuthorizationPolicy.Question question =
                AuthorizationPolicy.Question.authorize(caller.developerId(), agent.id(), principalId, scopes);
        Optional<AuthorizationPolicy.Verdict> verdict = policy.decide(question);
        if (verdict.isPresent() && verdict.get().decision() == AuthorizationPolicy.Decision.DENY) {
            throw new PolicyDenied(question, verdict.get());
        }
        String expiresIn = body.expiresIn() == null ? DEFAULT_EXPIRES_IN : body.expiresIn();
        Duration lifetime = Durations.parseExpiresIn(expiresIn);
        AuthRequest request = new AuthRequest(Ids.newId("areq"), caller.developerId(), agent.id(), principalId, scopes,
                redirectUri, body.state(), body.audience(), expiresIn, now.plus(lifetime), challenge, now);
        String code = caller.sandbox() || verdict.isPresent() ? issueCode(request) : null;
        em.persist(request);
        return new Created(request, code, verdict);
    }

    /** The pending, unexpired request a consent page shows; 404 unknown, 410 expired or decided. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AuthRequest pending(String id) {
        AuthRequest request = em.find(AuthRequest.class, id);
        if (request == null) {
            throw ApiException.notFound("Authorization request not found");
        }
        return open(request).orElseThrow(() ->
                new ApiException(410, "GONE", "This authorization request has expired or was already answered"));
    }

    /** The request if it is pending and unexpired; a refusal is the caller's to choose. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AuthRequest> findPending(String id) {
        return Optional.ofNullable(em.find(AuthRequest.class, id)).flatMap(this::open);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Agent agentOf(AuthRequest request) {
        return em.find(Agent.class, request.agentId());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean fidoRequired(AuthRequest request) {
        return em.find(Developer.class, request.developerId()).fidoRequired();
    }

    /**
     * A verified assertion with one of the request's principal's passkeys ({@code cred_…}) satisfies
     * the developer's fidoRequired, inside the verifying transaction; false (and nothing marked) unless
     * the request is still pending.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markFidoVerified(String id, String credentialId) {
        Optional<AuthRequest> request = lockPending(id);
        request.ifPresent(pending -> pending.markFidoVerified(credentialId));
        return request.isPresent();
    }

    /** The principal approves: a fresh code; anything but a pending, unexpired request is 410. */
    public Consent approve(String id) {
        AuthRequest request = lockPending(id).orElseThrow(() ->
                new ApiException(410, "GONE", "This authorization request has expired or was already answered"));
        requireFido(request);
        return new Consent(issueCode(request), request.redirectUri(), request.state());
    }

    /** The principal denies; anything but a pending, unexpired request is 404. */
    public Consent deny(String id) {
        AuthRequest request = lockPending(id).orElseThrow(() -> ApiException.notFound("Authorization request not found"));
        requireFido(request);
        request.deny();
        return new Consent(null, request.redirectUri(), request.state());
    }

    /** The sandbox helper routes: only sandbox developers may answer their own requests. */
    public Consent answerAsSandbox(Caller caller, String id, boolean approve) {
        if (!caller.sandbox()) {
            throw new ApiException(403, "CONSENT_REQUIRED", "Live developers' requests need the principal's consent");
        }
        AuthRequest request = lockPending(id).filter(r -> r.developerId().equals(caller.developerId()))
                .orElseThrow(() -> ApiException.notFound("Authorization request not found"));
        if (approve) {
            return new Consent(issueCode(request), request.redirectUri(), request.state());
        }
        request.deny();
        return new Consent(null, request.redirectUri(), request.state());
    }

    /**
     * Consumes a code exactly once, inside the caller's transaction (the token exchange): the row is
     * locked, so of many concurrent exchanges of one code only the first sees it approved.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuthRequest consume(Caller caller, String code, String agentId, String codeVerifier) {
        // By the code's hash alone, so the database can only use its unique index; with stale
        // statistics a plan through the agent's index would scan all of the agent's requests.
        List<AuthRequest> found = em.createQuery("SELECT a FROM AuthRequest a WHERE a.codeHash = :hash",
                        AuthRequest.class)
                .setParameter("hash", Hashes.sha256Hex(code))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .filter(a -> a.developerId().equals(caller.developerId()) && a.agentId().equals(agentId))
                .toList();
        Agent agent = found.isEmpty() ? null : em.find(Agent.class, agentId);
        if (agent == null || !Agent.ACTIVE.equals(agent.status())) {
            throw ApiException.badRequest("Invalid code");
        }
        AuthRequest request = found.get(0);
        if (!AuthRequest.APPROVED.equals(request.status())) {
            throw ApiException.badRequest("Auth request not approved");
        }
        if (request.expired(clock.instant())) {
            throw ApiException.badRequest("Auth request expired");
        }
        Pkce.verify(request.codeChallenge(), codeVerifier);
        request.consume();
        return request;
    }

    /** Removes a deleted agent's authorization requests, in the deleting transaction. */
    void deleteAgentRequests(@Observes AgentDeleting deleting) {
        em.createQuery("DELETE FROM AuthRequest a WHERE a.agentId = :agent").setParameter("agent", deleting.agentId())
                .executeUpdate();
    }

    /** Approves the request with a fresh code; only the code's hash is kept. */
    private static String issueCode(AuthRequest request) {
        String code = Secrets.random256();
        request.approve(Hashes.sha256Hex(code));
        return code;
    }

    private Optional<AuthRequest> lockPending(String id) {
        return Optional.ofNullable(em.find(AuthRequest.class, id, LockModeType.PESSIMISTIC_WRITE)).flatMap(this::open);
    }

    private Optional<AuthRequest> open(AuthRequest request) {
        return AuthRequest.PENDING.equals(request.status()) && !request.expired(clock.instant())
                ? Optional.of(request) : Optional.empty();
    }

    private void requireFido(AuthRequest request) {
        if (em.find(Developer.class, request.developerId()).fidoRequired() && !request.fidoVerified()) {
            throw new ApiException(403, "FIDO_REQUIRED", "This developer requires a security-key check before consent");
        }
    }

    private static String checkRedirectUri(String value) {
        try {
            URI uri = new URI(value);
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            if (value.length() <= 2048 && web && uri.getHost() != null && uri.getRawUserInfo() == null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // falls through to the same answer as any other unusable URI
        }
        throw ApiException.badRequest("redirectUri must be an absolute http(s) URL without credentials, at most 2048 characters");
    }

    /** The sweep marks unanswered or unredeemed requests past their expiry as expired. */
    void expireRequests(@Observes ExpirySweep sweep) {
        em.createQuery("UPDATE AuthRequest r SET r.status = :expired WHERE r.status IN :open AND r.expiresAt <= :now")
                .setParameter("expired", AuthRequest.EXPIRED)
                .setParameter("open", List.of(AuthRequest.PENDING, AuthRequest.APPROVED))
                .setParameter("now", sweep.now()).executeUpdate();
    }

    /** The sweep removes finished requests (with their spent codes) after the retention period. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    void purgeFinishedRequests(@Observes ExpirySweep sweep) {
        purges.deleteAll(AuthRequest.class, "id", "x.status IN :finished AND x.expiresAt <= :before",
                Map.of("finished", List.of(AuthRequest.EXPIRED, AuthRequest.CONSUMED, AuthRequest.DENIED),
                        "before", sweep.purgeBefore()));
    }
}
