package dev.grantex.passports;

import dev.grantex.agents.Agent;
import dev.grantex.agents.Scopes;
import dev.grantex.budgets.BudgetAllocation;
import dev.grantex.budgets.BudgetService;
import dev.grantex.budgets.Money;
import dev.grantex.credentials.StatusEntry;
import dev.grantex.credentials.StatusLists;
import dev.grantex.events.EventLog;
import dev.grantex.events.EventType;
import dev.grantex.grants.Grant;
import dev.grantex.grants.GrantService;
import dev.grantex.grants.GrantsRevoked;
import dev.grantex.keys.ServerDid;
import dev.grantex.passports.PassportViews.IssuePassportRequest;
import dev.grantex.passports.PassportViews.IssuedPassport;
import dev.grantex.passports.PassportViews.PassportSummary;
import dev.grantex.passports.PassportViews.RevokedPassport;
import dev.grantex.platform.Durations;
import dev.grantex.platform.Fields;
import dev.grantex.platform.Ids;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.Jsonp;
import dev.grantex.platform.storage.IdSlices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Issuing, listing and revoking agent passports (contract §7.7). */
@ApplicationScoped
@Transactional
public class PassportService {
    static final String URN_PREFIX = "urn:grantex:passport:";
    static final List<String> CATEGORIES = List.of("inference", "compute", "data", "storage", "search", "media",
            "delivery", "browser", "general");
    static final int LIST_LIMIT = 100;
    private static final Pattern RAIL = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
    private static final List<String> STATUSES = List.of(AgentPassport.ACTIVE, AgentPassport.REVOKED, AgentPassport.EXPIRED);

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    GrantService grants;

    @Inject
    BudgetService budgets;

    @Inject
    StatusLists statusLists;

    @Inject
    PassportProof proof;

    @Inject
    ServerDid serverDid;

    @Inject
    EventLog events;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "grantex.passport.max-expiry-hours", defaultValue = "720")
    int maxExpiryHours;

    private static ApiException refused(String code, String message) {
        return new ApiException(400, code, message);
    }

    public IssuedPassport issue(String developerId, IssuePassportRequest request) {
        Fields.requireText(request.agentId(), "agentId", 256);
        Fields.requireText(request.grantId(), "grantId", 256);
        List<String> categories = categories(request.allowedMPPCategories());
        if (request.maxTransactionAmount() == null) {
            throw ApiException.badRequest("maxTransactionAmount is required: {amount, currency}");
        }
        BigDecimal amount = Money.positive(request.maxTransactionAmount().get("amount"), "maxTransactionAmount.amount");
        String currency = currency(request.maxTransactionAmount().get("currency"));
        List<String> rails = rails(request.paymentRails());
        Duration lifetime = lifetime(request.expiresIn());

        Agent agent = em.find(Agent.class, request.agentId());
        if (agent == null || !agent.developerId().equals(developerId) || !Agent.ACTIVE.equals(agent.status())) {
            throw refused("INVALID_AGENT", "agentId is not an active agent of this developer");
        }
        Instant now = clock.instant();
        // Locked, so the grant cannot be revoked while its passport is issued (the revocation would miss it).
        Grant grant = grants.lock(request.grantId());
        if (grant == null || !grant.developerId().equals(developerId) || !grant.agentId().equals(agent.id())
                || !grant.usable(now)) {
            throw refused("INVALID_GRANT", "grantId is not an active grant of this agent");
        }
        List<String> missing = categories.stream().filter(c -> !grant.scopes().contains("payments:mpp:" + c)).toList();
        if (!missing.isEmpty()) {
            throw refused("SCOPE_INSUFFICIENT", "The grant lacks the scopes " + missing.stream()
                    .map(c -> "payments:mpp:" + c).collect(Collectors.joining(", ")));
        }
        budgets.openBudget(grant.id()).ifPresent(budget -> requireWithin(budget, amount, currency));
        AgentPassport parent = request.parentPassportId() == null ? null
                : parent(developerId, grant, request.parentPassportId(), categories, amount, currency, now);

        Instant expiresAt = now.plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
        Instant cap = parent == null ? grant.expiresAt() : parent.expiresAt();
        if (expiresAt.isAfter(cap)) {
            expiresAt = cap;
        }
        return mint(URN_PREFIX + Ids.newUlid(), grant, agent, categories, amount, currency, rails,
                request.parentPassportId(), now, expiresAt, EventType.PASSPORT_ISSUED);
    }

    /**
     * The passport a token exchange asks for with credentialFormat agent-passport, inside its
     * transaction, for the grant just created ({@code urn:grantex:passport:token-exchange:<grantId>}).
     * What the principal consented to is what it allows: the categories of the grant's
     * {@code payments:mpp:<category>} scopes, at most the N of its {@code payments:initiate:max_N}
     * scope (USD, the currency of amounts that name none) per transaction, until the grant expires
     * (at most the passport limit); 400 SCOPE_INSUFFICIENT when the grant has no such scopes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String issueAtExchange(Grant grant) {
        List<String> categories = CATEGORIES.stream().filter(c -> grant.scopes().contains("payments:mpp:" + c)).toList();
        if (categories.isEmpty()) {
            throw refused("SCOPE_INSUFFICIENT", "credentialFormat agent-passport needs a payments:mpp:<category> scope "
                    + "on the grant (categories: " + String.join(", ", CATEGORIES) + ")");
        }
        BigDecimal cap = grant.scopes().stream().map(Scopes::paymentCap).flatMap(Optional::stream).map(BigDecimal::new)
                .filter(n -> n.signum() > 0).min(BigDecimal::compareTo)
                .orElseThrow(() -> refused("SCOPE_INSUFFICIENT", "credentialFormat agent-passport needs a "
                        + "payments:initiate:max_<amount> scope on the grant: the passport's maxTransactionAmount"));
        BigDecimal amount = Money.positive(cap, "payments:initiate:max_<amount>");
        Instant now = clock.instant();
        Instant expiresAt = now.plus(Duration.ofHours(maxExpiryHours)).truncatedTo(ChronoUnit.SECONDS);
        if (expiresAt.isAfter(grant.expiresAt())) {
            expiresAt = grant.expiresAt();
        }
        return mint(URN_PREFIX + "token-exchange:" + grant.id(), grant, em.find(Agent.class, grant.agentId()),
                categories, amount, Money.currency(null, "currency"), List.of("tempo"), null, now, expiresAt,
                EventType.PASSPORT_TOKEN_EXCHANGE).passportId();
    }

    /** Signs, stores and announces a passport whose content was checked. */
    private IssuedPassport mint(String id, Grant grant, Agent agent, List<String> categories, BigDecimal amount,
                                String currency, List<String> rails, String parentPassportId, Instant now,
                                Instant expiresAt, EventType event) {
        StatusEntry status = statusLists.allocate(grant.developerId());
        JsonObject credential = proof.sign(credential(id, grant, agent, categories, amount, currency, rails,
                parentPassportId, status, now, expiresAt), now);
        String json = credential.toString();
        em.persist(new AgentPassport(id, grant, categories, amount, currency, parentPassportId, json, status,
                now, expiresAt));
        events.record(grant.developerId(), event, Jsonp.objectBuilder().add("passportId", id)
                .add("agentId", agent.id()).add("grantId", grant.id()).add("expiresAt", Timestamps.format(expiresAt)).build());
        return new IssuedPassport(id, credential, encode(json), Timestamps.format(expiresAt));
    }

    /** An amount's currency: absent or null means USD; anything but a three-letter code is 400. */
    static String currency(JsonValue value) {
        if (value != null && value != JsonValue.NULL && Jsonp.text(value) == null) {
            throw ApiException.badRequest("'currency' must be a three-letter ISO 4217 code such as USD");
        }
        return Money.currency(Jsonp.text(value), "currency");
    }

    static String encode(String credentialJson) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(credentialJson.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> categories(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw ApiException.badRequest("allowedMPPCategories is required: one or more of " + String.join(", ", CATEGORIES));
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String category : requested) {
            if (category == null || !CATEGORIES.contains(category)) {
                throw ApiException.badRequest("allowedMPPCategories must hold only " + String.join(", ", CATEGORIES));
            }
            unique.add(category);
        }
        return List.copyOf(unique);
    }

    private static List<String> rails(List<String> requested) {
        if (requested == null) {
            return List.of("tempo");
        }
        if (requested.isEmpty() || requested.size() > 10
                || requested.stream().anyMatch(r -> r == null || !RAIL.matcher(r).matches())) {
            throw ApiException.badRequest("paymentRails must be 1 to 10 names of lower-case letters, digits, '.', '_' or '-'");
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }

    private Duration lifetime(String expiresIn) {
        Duration lifetime;
        try {
            lifetime = Durations.parseExpiresIn(expiresIn == null ? "24h" : expiresIn);
        } catch (ApiException malformed) {
            throw refused("INVALID_EXPIRY", malformed.getMessage());
        }
        if (lifetime.compareTo(Duration.ofHours(maxExpiryHours)) > 0) {
            throw new ApiException(422, "INVALID_EXPIRY", "expiresIn must be at most " + maxExpiryHours + "h");
        }
        return lifetime;
    }

    private static void requireWithin(BudgetAllocation budget, BigDecimal amount, String currency) {
        if (!budget.currency().equals(currency) || amount.compareTo(budget.remainingBudget()) > 0) {
            throw refused("AMOUNT_EXCEEDS_BUDGET", "maxTransactionAmount exceeds the grant's remaining budget of "
                    + Money.format(budget.remainingBudget()) + " " + budget.currency());
        }
    }

    /** A parent passport narrows what a child may say: same grant, no more categories, amount or time. */
    private AgentPassport parent(String developerId, Grant grant, String parentId, List<String> categories,
                                 BigDecimal amount, String currency, Instant now) {
        AgentPassport parent = em.find(AgentPassport.class, parentId);
        if (parent == null || !parent.developerId().equals(developerId) || !parent.grantId().equals(grant.id())
                || !AgentPassport.ACTIVE.equals(parent.statusAt(now))) {
            throw ApiException.badRequest("parentPassportId is not an active passport of this grant");
        }
        if (!parent.allowedCategories().containsAll(categories) || !parent.maxCurrency().equals(currency)
                || amount.compareTo(parent.maxAmount()) > 0) {
            throw ApiException.badRequest("A passport may not allow more categories or a larger amount than its parent");
        }
        return parent;
    }

    private JsonObject credential(String id, Grant grant, Agent agent, List<String> categories, BigDecimal amount,
                                  String currency, List<String> rails, String parentPassportId, StatusEntry status,
                                  Instant now, Instant expiresAt) {
        String did = serverDid.did();
        var subject = Jsonp.objectBuilder()
                .add("id", agent.did())
                .add("type", "AIAgent")
                .add("humanPrincipal", "did:grantex:" + grant.principalId())
                .add("organizationDID", did)
                .add("grantId", grant.id())
                .add("allowedMPPCategories", Jsonp.stringArray(categories))
                .add("maxTransactionAmount", Jsonp.objectBuilder()
                        .add("amount", new BigDecimal(amount.stripTrailingZeros().toPlainString())).add("currency", currency))
                .add("paymentRails", Jsonp.stringArray(rails))
                .add("delegationDepth", grant.delegationDepth());
        if (parentPassportId != null) {
            subject.add("parentPassportId", parentPassportId);
        }
        return Jsonp.objectBuilder()
                .add("@context", Jsonp.arrayBuilder().add("https://www.w3.org/ns/credentials/v2")
                        .add("https://grantex.dev/ns/credentials/v1"))
                .add("id", id)
                .add("type", Jsonp.arrayBuilder().add("VerifiableCredential").add("AgentPassportCredential"))
                .add("issuer", did)
                .add("validFrom", Timestamps.format(now))
                .add("validUntil", Timestamps.format(expiresAt))
                .add("credentialSubject", subject)
                .add("credentialStatus", Jsonp.objectBuilder(statusLists.credentialStatus(status)))
                .build();
    }

    /** The developer's passports, newest first, at most 100, filtered by agent, grant and status. */
    public List<PassportSummary> list(String developerId, String agentId, String grantId, String status) {
        if (status != null) {
            Fields.requireOneOf(status, "status", STATUSES);
        }
        Instant now = clock.instant();
        StringBuilder jpql = new StringBuilder("SELECT p FROM AgentPassport p WHERE p.developerId = :dev");
        if (agentId != null) {
            jpql.append(" AND p.agentId = :agent");
        }
        if (grantId != null) {
            jpql.append(" AND p.grantId = :grant");
        }
        if (AgentPassport.REVOKED.equals(status)) {
            jpql.append(" AND p.status = 'revoked'");
        } else if (AgentPassport.ACTIVE.equals(status)) {
            jpql.append(" AND p.status = 'active' AND p.expiresAt > :now");
        } else if (AgentPassport.EXPIRED.equals(status)) {
            jpql.append(" AND p.status = 'active' AND p.expiresAt <= :now");
        }
        TypedQuery<AgentPassport> query = em.createQuery(jpql.append(" ORDER BY p.issuedAt DESC, p.id DESC").toString(),
                AgentPassport.class).setParameter("dev", developerId);
        if (agentId != null) {
            query.setParameter("agent", agentId);
        }
        if (grantId != null) {
            query.setParameter("grant", grantId);
        }
        if (status != null && !AgentPassport.REVOKED.equals(status)) {
            query.setParameter("now", now);
        }
        return query.setMaxResults(LIST_LIMIT).getResultList().stream()
                .map(p -> new PassportSummary(p.id(), p.agentId(), p.grantId(), p.statusAt(now),
                        Timestamps.format(p.expiresAt()), Timestamps.format(p.issuedAt())))
                .toList();
    }

    /** The passport's credential as issued, with its status. */
    public JsonObject get(String developerId, String id) {
        AgentPassport passport = owned(developerId, id, LockModeType.NONE);
        return Jsonp.objectBuilder(Jsonp.strictObject(passport.credential()))
                .add("status", passport.statusAt(clock.instant())).build();
    }

    /** Revokes the passport and sets its status-list bit; revoking again answers the first revocation. */
    public RevokedPassport revoke(String developerId, String id) {
        AgentPassport passport = owned(developerId, id, LockModeType.PESSIMISTIC_WRITE);
        if (!passport.revoked()) {
            revokeAll(List.of(passport));
        }
        return new RevokedPassport(true, Timestamps.format(passport.revokedAt()));
    }

    /** Passports end with their grant, in the revoking transaction. */
    void revokeWithGrants(@Observes GrantsRevoked revoked) {
        List<AgentPassport> active = IdSlices.query(revoked.expiryByGrantId().keySet(), grants -> em.createQuery(
                        "SELECT p FROM AgentPassport p WHERE p.grantId IN :grants AND p.status = 'active'", AgentPassport.class)
                .setParameter("grants", grants)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList());
        revokeAll(active);
    }

    private void revokeAll(List<AgentPassport> passports) {
        if (passports.isEmpty()) {
            return;
        }
        statusLists.revoke(passports.stream().map(AgentPassport::statusEntry).toList());
        Instant now = clock.instant();
        for (AgentPassport passport : passports) {
            passport.revoke(now);
            events.record(passport.developerId(), EventType.PASSPORT_REVOKED, Jsonp.objectBuilder()
                    .add("passportId", passport.id()).add("grantId", passport.grantId()).build());
        }
    }

    private AgentPassport owned(String developerId, String id, LockModeType lock) {
        AgentPassport passport = em.find(AgentPassport.class, id, lock);
        if (passport == null || !passport.developerId().equals(developerId)) {
            throw ApiException.notFound("Passport not found");
        }
        return passport;
    }
}
