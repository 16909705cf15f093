package dev.grantex.tokens;

import dev.grantex.agents.Agent;
import dev.grantex.agents.Scopes;
import dev.grantex.authorization.AuthorizationPolicy;
import dev.grantex.authorization.PolicyDenied;
import dev.grantex.credentials.CredentialFormat;
import dev.grantex.credentials.CredentialIssuer;
import dev.grantex.grants.Grant;
import dev.grantex.grants.GrantService;
import dev.grantex.platform.Caller;
import dev.grantex.platform.Durations;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.tokens.TokenViews.DelegateRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delegation: an agent passes a narrower, shorter-lived part of its grant to a sub-agent, unless a
 * policy denies the sub-agent those scopes for the grant's principal.
 */
@ApplicationScoped
@Transactional
public class DelegationService {
    static final int HARD_MAX_DEPTH = 10;

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    TokenVerifier verifier;

    @Inject
    GrantService grants;

    @Inject
    TokenIssuer issuer;

    @Inject
    CredentialIssuer credentials;

    @Inject
    AuthorizationPolicy policy;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "grantex.delegation.max-depth", defaultValue = "3")
    int configuredMaxDepth;

    public TokenIssuer.Issued delegate(Caller caller, DelegateRequest body) {
        if (body.parentGrantToken() == null || body.parentGrantToken().isEmpty() || body.subAgentId() == null
                || body.subAgentId().isEmpty() || body.scopes() == null || body.scopes().isEmpty()) {
            throw ApiException.badRequest("parentGrantToken, subAgentId and scopes are required");
        }
        List<String> scopes = Scopes.validate(body.scopes());
        CredentialFormat format = CredentialFormat.parse(body.credentialFormat(), CredentialFormat.AT_DELEGATION);
        VerifiedToken parent = verifier.parse(body.parentGrantToken())
                .orElseThrow(() -> ApiException.badRequest("Invalid parent grant token"));
        if (!parent.developerId().equals(caller.developerId())) {
            throw new ApiException(403, "FORBIDDEN", "The parent grant belongs to another developer");
        }
        if (verifier.inactiveReason(parent, caller.developerId()).isPresent()) {
            throw ApiException.badRequest("Parent grant token is revoked, expired or unknown");
        }
        if (parent.delegationDepth() + 1 > maxDepth()) {
            throw new ApiException(403, "DELEGATION_DEPTH_EXCEEDED",
                    "Delegation depth would exceed the maximum of " + maxDepth());
        }
        List<String> excess = scopes.stream().filter(s -> !parent.scopes().contains(s)).toList();
        if (!excess.isEmpty()) {
            throw ApiException.badRequest("Requested scopes exceed parent grant scopes: " + String.join(", ", excess));
        }
        Agent subAgent = em.find(Agent.class, body.subAgentId());
        if (subAgent == null || !subAgent.developerId().equals(caller.developerId())
                || !Agent.ACTIVE.equals(subAgent.status())) {
            throw ApiException.notFound("Sub-agent not found");
        }
        AuthorizationPolicy.Question question = new AuthorizationPolicy.Question(caller.developerId(),
                AuthorizationPolicy.Action.DELEGATE, subAgent.id(), parent.principal(), scopes,
                parent.delegationDepth() + 1, parent.grantId());
        // Only a deny decides here: delegation asks no one's consent, so an allow changes nothing.
        policy.decide(question).filter(verdict -> verdict.decision() == AuthorizationPolicy.Decision.DENY)
                .ifPresent(verdict -> {
                    throw new PolicyDenied(question, verdict);
                });
        Instant now = clock.instant();
        Instant requested = now.plus(Durations.parseExpiresIn(body.expiresIn() == null ? "1h" : body.expiresIn()));
        Instant expiresAt = (requested.isBefore(parent.expiresAt()) ? requested : parent.expiresAt())
                .truncatedTo(ChronoUnit.SECONDS);

        Grant parentGrant = grants.lock(parent.grantId());
        if (parentGrant == null || !parentGrant.usable(now)) {
            throw ApiException.badRequest("Parent grant is no longer active");
        }
        // The child rests on the parent's consent, and so on the parent's passkey check.
        Grant child = grants.create(caller.developerId(), subAgent.id(), parentGrant.principalId(), scopes, expiresAt,
                parentGrant, null, parentGrant.fido());
        TokenIssuer.Issued issued = issuer.issue(child, subAgent.did(), parent.agentDid(), null);
        return issued.withCredentials(credentials.issue(child, subAgent.did(), format, null));
    }

    private int maxDepth() {
        return Math.max(1, Math.min(HARD_MAX_DEPTH, configuredMaxDepth));
    }
}
