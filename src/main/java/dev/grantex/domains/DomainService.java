package dev.grantex.domains;

import dev.grantex.domains.DomainViews.AddedDomain;
import dev.grantex.domains.DomainViews.DomainView;
import dev.grantex.domains.DomainViews.VerifiedDomain;
import dev.grantex.platform.Caller;
import dev.grantex.platform.Ids;
import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Custom domains (contract §7.9): added, proven by a DNS TXT record, used for consent links. */
@ApplicationScoped
@Transactional
public class DomainService {
    /** Two or more labels of letters, digits and inner hyphens; the last starts with a letter, so no IPv4 address passes. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$");

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    TxtRecords txtRecords;

    @Inject
    Clock clock;

    /** The host name in lower case, or 400. */
    public static String hostName(String domain) {
        String lower = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
        if (!HOST_NAME.matcher(lower).matches()) {
            throw ApiException.badRequest("domain must be a DNS host name of at least two labels, such as auth.example.com, "
                    + "and not an IP address");
        }
        return lower;
    }

    public AddedDomain add(Caller caller, String requested) {
        String domain = hostName(requested);
        if (!"enterprise".equals(caller.plan())) {
            throw new ApiException(402, "PLAN_LIMIT_EXCEEDED", "Custom domains need the enterprise plan. Upgrade to use them.");
        }
        boolean taken = !em.createQuery("SELECT d.id FROM CustomDomain d WHERE d.domain = :domain", String.class)
                .setParameter("domain", domain).setMaxResults(1).getResultList().isEmpty();
        if (taken) {
            throw ApiException.conflict("The domain " + domain + " is already registered");
        }
        CustomDomain added = new CustomDomain(Ids.newId("dom"), caller.developerId(), domain,
                "grantex-verify-" + UUID.randomUUID(), clock.instant());
        em.persist(added);
        return AddedDomain.of(added);
    }

    public List<DomainView> list(String developerId) {
        return em.createQuery("SELECT d FROM CustomDomain d WHERE d.developerId = :dev ORDER BY d.createdAt, d.id",
                        CustomDomain.class)
                .setParameter("dev", developerId).getResultList().stream().map(DomainView::of).toList();
    }

    /** Looks the TXT record up: 400 VERIFICATION_FAILED unless one holds the domain's token. */
    public VerifiedDomain verify(String developerId, String id) {
        CustomDomain domain = owned(developerId, id);
        List<String> values;
        try {
            values = txtRecords.lookup(domain.recordName());
        } catch (TxtRecords.LookupFailed e) {
            throw new ApiException(400, "VERIFICATION_FAILED", e.getMessage());
        }
        if (!values.contains(domain.verificationToken())) {
            throw new ApiException(400, "VERIFICATION_FAILED", "No TXT record " + domain.recordName() + " = "
                    + domain.verificationToken() + " was found" + (values.isEmpty() ? "" : " (found: " + String.join(", ", values) + ")"));
        }
        em.lock(domain, LockModeType.PESSIMISTIC_WRITE);
        domain.markVerified(clock.instant());
        return new VerifiedDomain(true, "Domain " + domain.domain() + " verified: consent links now use https://"
                + domain.domain());
    }

    public void delete(String developerId, String id) {
        em.remove(owned(developerId, id));
    }

    private CustomDomain owned(String developerId, String id) {
        CustomDomain domain = em.find(CustomDomain.class, id);
        if (domain == null || !domain.developerId().equals(developerId)) {
            throw ApiException.notFound("Domain not found");
        }
        return domain;
    }
}
