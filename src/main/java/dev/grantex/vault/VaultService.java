package dev.grantex.vault;

import dev.grantex.events.EventLog;
import dev.grantex.events.EventType;
import dev.grantex.platform.Fields;
import dev.grantex.platform.Ids;
import dev.grantex.platform.PlanLimits;
import dev.grantex.platform.crypto.SecretBox;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.Jsonp;
import dev.grantex.platform.storage.KeysetPages;
import dev.grantex.platform.web.QueryParams;
import dev.grantex.tokens.VerifiedToken;
import dev.grantex.vault.VaultViews.ExchangedView;
import dev.grantex.vault.VaultViews.VaultStoreRequest;
import dev.grantex.vault.VaultViews.VaultCredentialView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** The credential vault: tokens stored sealed per principal and service, handed to agents whose grant allows it. */
@ApplicationScoped
@Transactional
public class VaultService {
    private static final int LIST_PAGE = 1000;
    static final int MAX_TOKEN_CHARS = 16_384;
    static final int MAX_METADATA_CHARS = 8_192;
    private static final Pattern SERVICE = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    SecretBox secretBox;

    @Inject
    PlanLimits planLimits;

    @Inject
    EventLog events;

    @Inject
    Clock clock;

    /** The service name in lower case, or 400. */
    static String service(String service) {
        String lower = service == null ? null : service.toLowerCase(Locale.ROOT);
        if (lower == null || !SERVICE.matcher(lower).matches()) {
            throw ApiException.badRequest("service must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return lower;
    }

    /** Stores the tokens, replacing what the principal had stored for the service. */
    public VaultCredential store(String developerId, VaultStoreRequest request) {
        String principalId = Fields.requireText(request.principalId(), "principalId", 256);
        String service = service(request.service());
        String accessToken = Fields.requireText(request.accessToken(), "accessToken", MAX_TOKEN_CHARS);
        String credentialType = request.credentialType() == null ? "oauth2"
                : Fields.requireText(request.credentialType(), "credentialType", 64);
        if (request.refreshToken() != null) {
            Fields.requireText(request.refreshToken(), "refreshToken", MAX_TOKEN_CHARS);
        }
        Instant tokenExpiresAt = QueryParams.instant(request.tokenExpiresAt(), "tokenExpiresAt");
        String metadata = (request.metadata() == null ? JsonObject.EMPTY_JSON_OBJECT : request.metadata()).toString();
        if (metadata.length() > MAX_METADATA_CHARS) {
            throw ApiException.badRequest("metadata must be at most " + MAX_METADATA_CHARS + " characters of JSON");
        }
        // Two first stores for one principal and service at once must not both insert.
        planLimits.lockDeveloper(developerId);
        Instant now = clock.instant();
        VaultCredential credential = find(developerId, principalId, service);
        if (credential == null) {
            credential = new VaultCredential(Ids.newId("vault"), developerId, principalId, service, now);
            em.persist(credential);
        }
        credential.store(credentialType, secretBox.seal(accessToken),
                request.refreshToken() == null ? null : secretBox.seal(request.refreshToken()), tokenExpiresAt,
                metadata, now);
        events.record(developerId, EventType.VAULT_CREDENTIAL_STORED, Jsonp.objectBuilder().add("id", credential.id())
                .add("principalId", principalId).add("service", service).build());
        return credential;
    }

    /**
     * Hands the developer's stored credentials, newest first, optionally of one principal and one
     * service (checked already with {@link #service}), to {@code each} a page at a time.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void list(String developerId, String principalId, String service, Consumer<VaultCredential> each) {
        StringBuilder jpql = new StringBuilder("SELECT c FROM VaultCredential c WHERE c.developerId = :dev");
        if (principalId != null) {
            jpql.append(" AND c.principalId = :principal");
        }
        if (service != null) {
            jpql.append(" AND c.service = :service");
        }
        jpql.append(" AND c.createdAt <= :keyTime AND (c.createdAt < :keyTime OR c.id < :keyId)"
                + " ORDER BY c.createdAt DESC, c.id DESC");
        TypedQuery<VaultCredential> query = em.createQuery(jpql.toString(), VaultCredential.class)
                .setParameter("dev", developerId);
        if (principalId != null) {
            query.setParameter("principal", principalId);
        }
        if (service != null) {
            query.setParameter("service", service);
        }
        KeysetPages.forEach(em, query, LIST_PAGE, KeysetPages.AFTER_ALL, VaultCredential::createdAt,
                VaultCredential::id, each);
    }

    public VaultCredentialView get(String developerId, String id) {
        return VaultCredentialView.of(owned(developerId, id));
    }

    public void delete(String developerId, String id) {
        // Under the lock a store takes: a store that found this row before the delete committed would
        // otherwise update nothing and still answer 201.
        planLimits.lockDeveloper(developerId);
        VaultCredential credential = owned(developerId, id);
        em.remove(credential);
        events.record(developerId, EventType.VAULT_CREDENTIAL_DELETED, Jsonp.objectBuilder().add("id", id)
                .add("principalId", credential.principalId()).add("service", credential.service()).build());
    }

    /**
     * The stored access token of the grant's principal for the service: 403 when the grant's scopes do
     * not reach it, 404 when nothing is stored.
     */
    public ExchangedView exchange(VerifiedToken grant, String requestedService) {
        String service = service(requestedService);
        if (!VaultScopes.allowExchange(grant.scopes(), service)) {
            throw new ApiException(403, "FORBIDDEN", "The grant's scopes do not allow exchanging credentials for " + service);
        }
        VaultCredential credential = find(grant.developerId(), grant.principal(), service);
        if (credential == null) {
            throw ApiException.notFound("No credential is stored for this principal and service");
        }
        events.record(grant.developerId(), EventType.VAULT_CREDENTIAL_EXCHANGED, Jsonp.objectBuilder()
                .add("id", credential.id()).add("principalId", credential.principalId()).add("service", service)
                .add("grantId", grant.grantId()).add("agentDid", grant.agentDid()).build());
        return new ExchangedView(secretBox.open(credential.sealedAccessToken()), service, credential.credentialType(),
                VaultViews.formatOrNull(credential), Jsonp.strictObject(credential.metadata()));
    }

    private VaultCredential find(String developerId, String principalId, String service) {
        return em.createQuery("SELECT c FROM VaultCredential c WHERE c.developerId = :dev AND c.principalId = :principal "
                        + "AND c.service = :service", VaultCredential.class)
                .setParameter("dev", developerId).setParameter("principal", principalId).setParameter("service", service)
                .getResultStream().findFirst().orElse(null);
    }

    private VaultCredential owned(String developerId, String id) {
        VaultCredential credential = em.find(VaultCredential.class, id);
        if (credential == null || !credential.developerId().equals(developerId)) {
            throw ApiException.notFound("Vault credential not found");
        }
        return credential;
    }
}
