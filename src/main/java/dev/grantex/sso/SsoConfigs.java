package dev.grantex.sso;

import dev.grantex.platform.Fields;
import dev.grantex.platform.PlanLimits;
import dev.grantex.platform.crypto.SecretBox;
import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The developer's single OIDC configuration (one per developer; POST replaces it). /sso/login falls
 * back to it when the developer has no active connection, as an OIDC connection without provisioning
 * or group mappings.
 */
@ApplicationScoped
@Transactional
public class SsoConfigs {
    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SecretBox secretBox;

    @Inject
    PlanLimits planLimits;

    public SsoConfig save(String developerId, String issuerUrl, String clientId, String clientSecret, String redirectUri) {
        ConnectionChecks.httpUrl(issuerUrl, "issuerUrl");
        Fields.requireText(clientId, "clientId", 512);
        Fields.requireText(clientSecret, "clientSecret", 4096);
        ConnectionChecks.httpUrl(redirectUri, "redirectUri");
        Instant now = clock.instant();
        // Two first saves at once would both insert: the developer's row lock orders them.
        planLimits.lockDeveloper(developerId);
        SsoConfig config = em.find(SsoConfig.class, developerId);
        if (config == null) {
            config = new SsoConfig(developerId, now);
            config.write(issuerUrl, clientId, secretBox.seal(clientSecret), redirectUri, now);
            em.persist(config);
        } else {
            config.write(issuerUrl, clientId, secretBox.seal(clientSecret), redirectUri, now);
        }
        return config;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SsoConfig> find(String developerId) {
        return Optional.ofNullable(em.find(SsoConfig.class, developerId));
    }

    public SsoConfig get(String developerId) {
        return find(developerId).orElseThrow(() -> ApiException.notFound("SSO config not found"));
    }

    public void delete(String developerId) {
        em.remove(get(developerId));
    }

    /** The configuration as the settings of an OIDC connection, for the login and the callback. */
    static ConnectionSettings asConnection(SsoConfig config) {
        return new ConnectionSettings("OIDC", ConnectionSettings.OIDC, ConnectionSettings.ACTIVE, config.issuerUrl(),
                config.clientId(), config.sealedClientSecret(), config.redirectUri(), null, null, null, null, null, null,
                null, null, null, null, null, null, false, List.of(), false, false, null, Map.of(), List.of());
    }
}
