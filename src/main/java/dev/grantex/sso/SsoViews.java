package dev.grantex.sso;

import dev.grantex.platform.Timestamps;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the SSO routes. Secrets are never among them. */
public final class SsoViews {
    private SsoViews() {
    }

    public record ConfigView(String issuerUrl, String clientId, String redirectUri, String createdAt, String updatedAt) {
        static ConfigView of(SsoConfig config) {
            return new ConfigView(config.issuerUrl(), config.clientId(), config.redirectUri(),
                    Timestamps.format(config.createdAt()), Timestamps.format(config.updatedAt()));
        }
    }

    /** A connection; the fields of the other protocols are null. */
    public record ConnectionView(String id, String developerId, String name, String protocol, String status,
                                 String issuerUrl, String clientId, String redirectUri,
                                 String idpEntityId, String idpSsoUrl, String spEntityId, String spAcsUrl,
                                 String ldapUrl, String ldapBindDn, String ldapSearchBase, String ldapSearchFilter,
                                 String ldapGroupSearchBase, String ldapGroupSearchFilter, Boolean ldapTlsEnabled,
                                 List<String> domains, boolean jitProvisioning, boolean enforce, String groupAttribute,
                                 Map<String, List<String>> groupMappings, List<String> defaultScopes,
                                 String createdAt, String updatedAt) {
        static ConnectionView of(SsoConnection connection) {
            ConnectionSettings s = connection.settings();
            boolean oidc = ConnectionSettings.OIDC.equals(s.protocol());
            boolean saml = ConnectionSettings.SAML.equals(s.protocol());
            boolean ldap = ConnectionSettings.LDAP.equals(s.protocol());
            return new ConnectionView(connection.id(), connection.developerId(), s.name(), s.protocol(), s.status(),
                    oidc ? s.issuerUrl() : null, oidc ? s.clientId() : null, oidc ? s.redirectUri() : null,
                    saml ? s.idpEntityId() : null, saml ? s.idpSsoUrl() : null, saml ? s.spEntityId() : null,
                    saml ? s.spAcsUrl() : null,
                    ldap ? s.ldapUrl() : null, ldap ? s.ldapBindDn() : null, ldap ? s.ldapSearchBase() : null,
                    ldap ? s.ldapSearchFilter() : null, ldap ? s.ldapGroupSearchBase() : null,
                    ldap ? s.ldapGroupSearchFilter() : null, ldap ? s.ldapTlsEnabled() : null,
                    s.domains(), s.jitProvisioning(), s.enforce(), s.groupAttribute(), s.groupMappings(),
                    s.defaultScopes(), Timestamps.format(connection.createdAt()), Timestamps.format(connection.updatedAt()));
        }
    }

    public record ConnectionList(List<ConnectionView> connections) {
    }

    /** POST /v1/sso/connections/{id}/test: what was reached, or why not. */
    public record TestResult(boolean success, String protocol, String issuer, String authorizationEndpoint,
                             String tokenEndpoint, String jwksUri, String idpEntityId, String idpSsoUrl, String error) {
        static TestResult failed(String protocol, String error) {
            return new TestResult(false, protocol, null, null, null, null, null, null, error);
        }
    }

    public record EnforceView(boolean enforce, String developerId) {
    }

    public record SessionView(String id, String connectionId, String principalId, String email, String name,
                              String idpSubject, List<String> groups, List<String> mappedScopes, String expiresAt,
                              String createdAt) {
        static SessionView of(SsoSession session) {
            return new SessionView(session.id(), session.connectionId(), session.principalId(), session.email(),
                    session.name(), session.idpSubject(), SsoConnection.strings(session.groupsJson()),
                    SsoConnection.strings(session.mappedScopesJson()), Timestamps.format(session.expiresAt()),
                    Timestamps.format(session.createdAt()));
        }
    }

    public record SessionList(List<SessionView> sessions) {
    }

    /**
     * A completed sign-in (every callback: the single configuration's answers this too, a superset of
     * its {email, name, sub, developerId}). sessionToken, beyond the contract, opens the
     * principal routes for principalId like a principal session; it is shown here only.
     */
    public record SignInView(String sessionId, String sessionToken, String email, String name, String sub,
                             List<String> groups, List<String> mappedScopes, String principalId, String developerId,
                             String expiresAt) {
        static SignInView of(SsoSignIn.SignedIn signedIn) {
            SsoSession session = signedIn.session();
            return new SignInView(session.id(), signedIn.token(), session.email(), session.name(), session.idpSubject(),
                    signedIn.groups(), signedIn.scopes(), session.principalId(), session.developerId(),
                    Timestamps.format(session.expiresAt()));
        }
    }
}
