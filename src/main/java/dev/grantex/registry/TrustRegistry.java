package dev.grantex.registry;

import dev.grantex.agents.Agent;
import dev.grantex.domains.DomainService;
import dev.grantex.domains.TxtRecords;
import dev.grantex.grants.Grant;
import dev.grantex.keys.PublicKeys;
import dev.grantex.platform.Fields;
import dev.grantex.platform.Ids;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.crypto.Secrets;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.Jsonp;
import dev.grantex.registry.RegistryViews.DnsVerified;
import dev.grantex.registry.RegistryViews.ListedAgent;
import dev.grantex.registry.RegistryViews.RegisterOrgRequest;
import dev.grantex.registry.RegistryViews.RegisteredOrg;
import dev.grantex.registry.RegistryViews.Stats;
import dev.grantex.registry.RegistryViews.TrustRecordView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwk.JsonWebKey;

/**
 * The trust registry (contract §7.8): organisations registered by developers as did:web:<domain>,
 * verified by a TXT record at _grantex-verify.<domain>, with the agents and keys they publish.
 */
@ApplicationScoped
@Transactional
public class TrustRegistry {
    static final int LIST_LIMIT = 100;
    static final int MAX_PUBLISHED_KEYS = 20;

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    TxtRecords txtRecords;

    @Inject
    Clock clock;

    public RegisteredOrg register(String developerId, RegisterOrgRequest request) {
        String name = Fields.requireText(request.name(), "name", 256);
        String domain = DomainService.hostName(request.domain());
        if (request.description() != null) {
            Fields.requireText(request.description(), "description", 2048);
        }
        if (request.website() != null) {
            requireWebUrl(request.website());
        }
        List<String> agents = request.agentIds() == null ? List.of() : request.agentIds();
        if (agents.size() > LIST_LIMIT || agents.stream().anyMatch(id -> !ownActiveAgent(developerId, id))) {
            throw ApiException.badRequest("agentIds must be at most " + LIST_LIMIT + " of this developer's active agents");
        }
        String publicKeys = publicKeys(request.publicKeys());
        if (byDid(TrustRecord.didOf(domain)).isPresent()) {
            throw ApiException.conflict(TrustRecord.didOf(domain) + " is registered already");
        }
        TrustRecord record = new TrustRecord(Ids.newId("org"), developerId, domain, Secrets.random256(), clock.instant());
        record.describe(name, request.description(), request.website(), List.copyOf(new LinkedHashSet<>(agents)),
                publicKeys);
        em.persist(record);
        return new RegisteredOrg(record.id(), record.organizationDid(), domain, record.verificationMethod(),
                record.trustLevel(), record.verificationToken(), "Add a DNS TXT record: " + recordName(domain)
                + " = grantex-verify=" + record.verificationToken());
    }

    /** Checks the TXT record of a registered organisation of the developer. */
    public DnsVerified verifyOrg(String developerId, String orgId) {
        TrustRecord record = em.find(TrustRecord.class, orgId);
        if (record == null || !record.developerId().equals(developerId)) {
            throw ApiException.notFound("Organisation not found");
        }
        return verify(record);
    }

    /**
     * Checks the TXT record for a domain, registering did:web:<domain> for the developer first if nobody
     * has. Another developer's verified record is 409; another developer's pending claim gives way to
     * the developer who proves control of the domain (a claim nobody proved must not keep the domain's
     * owner out). A failed check changes nothing.
     */
    public DnsVerified verifyDomain(String developerId, String requested) {
        String domain = DomainService.hostName(requested);
        TrustRecord record = byDid(TrustRecord.didOf(domain)).orElse(null);
        if (record != null && !record.developerId().equals(developerId)) {
            if (record.verifiedAt() != null) {
                throw ApiException.conflict(record.organizationDid() + " is registered by another developer");
            }
            em.remove(record);
            // The claim's row goes before the new one comes: the DID is unique.
            em.flush();
            record = null;
        }
        if (record == null) {
            record = new TrustRecord(Ids.newId("org"), developerId, domain, Secrets.random256(), clock.instant());
            em.persist(record);
        }
        return verify(record);
    }

    /** Accepted: grantex-verify=<the record's token>, or grantex-verify=did:web:<domain>. */
    private DnsVerified verify(TrustRecord record) {
        List<String> values;
        try {
            values = txtRecords.lookup(recordName(record.domain()));
        } catch (TxtRecords.LookupFailed e) {
            throw new ApiException(400, "DNS_VERIFICATION_FAILED", e.getMessage());
        }
        if (!values.contains("grantex-verify=" + record.verificationToken())
                && !values.contains("grantex-verify=" + record.organizationDid())) {
            throw new ApiException(400, "DNS_VERIFICATION_FAILED", "No TXT record " + recordName(record.domain())
                    + " = grantex-verify=<token or " + record.organizationDid() + "> was found");
        }
        record.markVerified(clock.instant());
        return new DnsVerified(record.organizationDid(), true, record.verificationMethod(), record.trustLevel(),
                Timestamps.format(record.verifiedAt()), record.domain());
    }

    private static String recordName(String domain) {
        return "_grantex-verify." + domain;
    }

    /** The developer's own records, verified or not, oldest first, at most 100. */
    public List<TrustRecordView> mine(String developerId) {
        return em.createQuery("SELECT r FROM TrustRecord r WHERE r.developerId = :dev ORDER BY r.createdAt, r.id",
                        TrustRecord.class)
                .setParameter("dev", developerId).setMaxResults(LIST_LIMIT).getResultList().stream().map(this::view).toList();
    }

    /** One organisation's public record (verified or pending), or 404. */
    public TrustRecordView publicRecord(String did) {
        return view(byDid(did).orElseThrow(() -> ApiException.notFound("Organisation not found")));
    }

    /** The public directory: verified organisations, most recently verified first, at most 100. */
    public List<TrustRecordView> directory() {
        return em.createQuery("SELECT r FROM TrustRecord r WHERE r.verifiedAt IS NOT NULL ORDER BY r.verifiedAt DESC, r.id",
                        TrustRecord.class)
                .setMaxResults(LIST_LIMIT).getResultList().stream().map(this::view).toList();
    }

    /**
     * The keys a verified organisation publishes, as a JWKS; 404 while it is pending, because anyone
     * can claim a domain and a verifier must not take the claimant's keys for the domain's.
     */
    public String jwks(String did) {
        return byDid(did).filter(record -> record.verifiedAt() != null)
                .orElseThrow(() -> ApiException.notFound("No verified organisation has this DID")).publicKeys();
    }

    private Optional<TrustRecord> byDid(String did) {
        return em.createQuery("SELECT r FROM TrustRecord r WHERE r.organizationDid = :did", TrustRecord.class)
                .setParameter("did", did).getResultStream().findFirst();
    }

    private boolean ownActiveAgent(String developerId, String agentId) {
        Agent agent = agentId == null ? null : em.find(Agent.class, agentId);
        return agent != null && agent.developerId().equals(developerId) && Agent.ACTIVE.equals(agent.status());
    }

    private TrustRecordView view(TrustRecord record) {
        List<Agent> agents = record.listedAgents().isEmpty() ? List.of()
                : em.createQuery("SELECT a FROM Agent a WHERE a.id IN :ids AND a.status = :active ORDER BY a.createdAt",
                        Agent.class)
                .setParameter("ids", record.listedAgents()).setParameter("active", Agent.ACTIVE).getResultList();
        long weeklyActiveGrants = agents.isEmpty() ? 0 : em.createQuery("SELECT COUNT(g) FROM Grant g WHERE g.agentId IN :ids "
                        + "AND g.status = :active AND g.issuedAt >= :since", Long.class)
                .setParameter("ids", agents.stream().map(Agent::id).toList()).setParameter("active", Grant.ACTIVE)
                .setParameter("since", clock.instant().minus(Duration.ofDays(7))).getSingleResult();
        return new TrustRecordView(record.id(), record.organizationDid(),
                record.verifiedAt() == null ? null : Timestamps.format(record.verifiedAt()), record.verificationMethod(),
                record.trustLevel(), List.of(record.domain()), record.name(), record.description(), record.website(),
                record.verifiedAt() == null ? List.of() : List.of("dns-verified"),
                new Stats(agents.size(), weeklyActiveGrants, null),
                agents.stream().map(a -> new ListedAgent(a.did(), a.name(), a.description(), a.scopes())).toList());
    }

    private static void requireWebUrl(String website) {
        try {
            URI uri = new URI(website);
            if (website.length() > 2048 || uri.getHost() == null || uri.getUserInfo() != null
                    || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw ApiException.badRequest("website must be an absolute http(s) URL without credentials");
            }
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("website must be an absolute http(s) URL without credentials");
        }
    }

    /** A JWKS of at most 20 public keys, stored as their public parameters only. */
    private static String publicKeys(JsonObject jwks) {
        if (jwks == null) {
            return "{\"keys\":[]}";
        }
        if (!(jwks.get("keys") instanceof JsonArray keys) || keys.size() > MAX_PUBLISHED_KEYS) {
            throw ApiException.badRequest("publicKeys must be a JWKS {\"keys\": [...]} of at most " + MAX_PUBLISHED_KEYS + " keys");
        }
        var out = Jsonp.arrayBuilder();
        for (JsonValue key : keys) {
            if (!(key instanceof JsonObject jwk)) {
                throw ApiException.badRequest("publicKeys.keys must hold JWK objects");
            }
            out.add(Jsonp.strictObject(PublicKeys.parse(jwk, "publicKeys.keys[]")
                    .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        }
        return Jsonp.objectBuilder().add("keys", out).build().toString();
    }
}
