package dev.grantex.sso;

import dev.grantex.agents.Scopes;
import dev.grantex.events.EventLog;
import dev.grantex.events.EventType;
import dev.grantex.platform.Fields;
import dev.grantex.platform.Ids;
import dev.grantex.platform.crypto.SecretBox;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A developer's enterprise SSO connections: stored checked, secrets sealed, and picked for a login. */
@ApplicationScoped
@Transactional
public class SsoConnections {
    static final String DEFAULT_SEARCH_FILTER = "(uid=" + ConnectionChecks.USERNAME_PLACEHOLDER + ")";
    static final String DEFAULT_GROUP_FILTER = "(member=" + ConnectionChecks.DN_PLACEHOLDER + ")";
    private static final ConnectionSettings DEFAULTS = new ConnectionSettings(null, null, ConnectionSettings.ACTIVE,
            null, null, null, null, null, null, null, null, null, null, null, null, null, DEFAULT_SEARCH_FILTER, null,
            DEFAULT_GROUP_FILTER, false, List.of(), false, false, null, Map.of(), List.of());

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SecretBox secretBox;

    @Inject
    EventLog events;

    public SsoConnection create(String developerId, ConnectionRequest request) {
        ConnectionSettings settings = ConnectionChecks.check(merge(DEFAULTS, request));
        SsoConnection connection = new SsoConnection(Ids.newId("sso"), developerId, clock.instant());
        connection.write(settings, clock.instant());
        em.persist(connection);
        changed(connection, EventType.SSO_CONNECTION_CREATED);
        return connection;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SsoConnection> list(String developerId) {
        return em.createQuery("SELECT c FROM SsoConnection c WHERE c.developerId = :dev ORDER BY c.createdAt, c.id",
                SsoConnection.class).setParameter("dev", developerId).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SsoConnection get(String developerId, String id) {
        SsoConnection connection = em.find(SsoConnection.class, id);
        if (connection == null || !connection.developerId().equals(developerId)) {
            throw ApiException.notFound("SSO connection not found");
        }
        return connection;
    }

    public SsoConnection update(String developerId, String id, ConnectionRequest request) {
        SsoConnection connection = get(developerId, id);
        if (request.protocol() != null && !request.protocol().equals(connection.protocol())) {
            throw ApiException.badRequest("protocol cannot change: make a new connection instead");
        }
        connection.write(ConnectionChecks.check(merge(connection.settings(), request)), clock.instant());
        changed(connection, EventType.SSO_CONNECTION_UPDATED);
        return connection;
    }

    public void delete(String developerId, String id) {
        SsoConnection connection = get(developerId, id);
        em.remove(connection);
        changed(connection, EventType.SSO_CONNECTION_DELETED);
    }

    /**
     * Sets enforce on every active connection of the developer (contract §2.14). Enforcing without an
     * active connection is 409: it would lock every principal out, or silently do nothing.
     */
    public void enforce(String developerId, boolean enforce) {
        List<SsoConnection> active = list(developerId).stream().filter(c -> c.settings().active()).toList();
        if (enforce && active.isEmpty()) {
            throw ApiException.conflict("No active SSO connection to enforce: create or activate one first");
        }
        for (SsoConnection connection : active) {
            connection.enforce(enforce, clock.instant());
        }
    }

    /** Whether the connection exists and is active, so that its sessions still hold. */
    @Transactional(Transactional.TxType.SUPPORTS)
    boolean signsIn(String developerId, String id) {
        SsoConnection connection = em.find(SsoConnection.class, id);
        return connection != null && connection.developerId().equals(developerId) && connection.settings().active();
    }

    /** Whether the developer's principals must sign in through SSO: an active connection enforces it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean enforced(String developerId) {
        return list(developerId).stream().map(SsoConnection::settings).anyMatch(s -> s.active() && s.enforce());
    }

    /**
     * The connection a login uses: the active one whose domains hold the email domain given, else the
     * oldest active one (contract §2.14).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SsoConnection> forLogin(String developerId, String domain) {
        List<SsoConnection> active = list(developerId).stream().filter(c -> c.settings().active()).toList();
        if (domain != null) {
            String wanted = domain.trim().toLowerCase(Locale.ROOT);
            Optional<SsoConnection> byDomain = active.stream()
                    .filter(c -> c.settings().domains().contains(wanted)).findFirst();
            if (byDomain.isPresent()) {
                return byDomain;
            }
        }
        return active.stream().findFirst();
    }

    private void changed(SsoConnection connection, EventType type) {
        events.record(connection.developerId(), type, Jsonp.objectBuilder().add("connectionId", connection.id())
                .add("protocol", connection.protocol()).build());
    }

    /** The stored settings with what the request gives in their place; secrets given are sealed. */
    private ConnectionSettings merge(ConnectionSettings base, ConnectionRequest r) {
        return new ConnectionSettings(
                or(r.name(), base.name()),
                or(r.protocol(), base.protocol()),
                or(r.status(), base.status()),
                or(r.issuerUrl(), base.issuerUrl()),
                or(r.clientId(), base.clientId()),
                r.clientSecret() == null ? base.sealedClientSecret() : seal(r.clientSecret(), "clientSecret"),
                or(r.redirectUri(), base.redirectUri()),
                or(r.idpEntityId(), base.idpEntityId()),
                or(r.idpSsoUrl(), base.idpSsoUrl()),
                or(r.idpCertificate(), base.idpCertificate()),
                or(r.spEntityId(), base.spEntityId()),
                or(r.spAcsUrl(), base.spAcsUrl()),
                or(r.ldapUrl(), base.ldapUrl()),
                or(r.ldapBindDn(), base.ldapBindDn()),
                r.ldapBindPassword() == null ? base.sealedLdapBindPassword() : seal(r.ldapBindPassword(), "ldapBindPassword"),
                or(r.ldapSearchBase(), base.ldapSearchBase()),
                or(r.ldapSearchFilter(), base.ldapSearchFilter()),
                or(r.ldapGroupSearchBase(), base.ldapGroupSearchBase()),
                or(r.ldapGroupSearchFilter(), base.ldapGroupSearchFilter()),
                or(r.ldapTlsEnabled(), base.ldapTlsEnabled()),
                r.domains() == null ? base.domains() : ConnectionChecks.domains(r.domains()),
                or(r.jitProvisioning(), base.jitProvisioning()),
                or(r.enforce(), base.enforce()),
                or(r.groupAttribute(), base.groupAttribute()),
                r.groupMappings() == null ? base.groupMappings() : ConnectionChecks.groupMappings(r.groupMappings()),
                r.defaultScopes() == null ? base.defaultScopes() : Scopes.validate(r.defaultScopes()));
    }

    private String seal(String secret, String field) {
        return secretBox.seal(Fields.requireText(secret, field, 4096));
    }

    private static <T> T or(T given, T stored) {
        return given != null ? given : stored;
    }
}
