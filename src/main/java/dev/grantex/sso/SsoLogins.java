package dev.grantex.sso;

import dev.grantex.platform.Fields;
import dev.grantex.platform.crypto.RandomBytes;
import dev.grantex.platform.crypto.SecretBox;
import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;

/**
 * The public sign-in flow: /sso/login picks the connection and builds the provider's URL with a
 * signed state; the callbacks check the state and take its login request (once), let the protocol
 * authenticate the person, and complete the sign-in. No database transaction is open while a
 * provider or directory is called.
 */
@ApplicationScoped
public class SsoLogins {
    @Inject
    SsoConnections connections;

    @Inject
    SsoConfigs configs;

    @Inject
    SsoState states;

    @Inject
    LoginRequests requests;

    @Inject
    OidcClient oidc;

    @Inject
    LdapDirectory ldap;

    @Inject
    SamlServiceProvider saml;

    @Inject
    SsoSignIn signIn;

    @Inject
    SecretBox secretBox;

    @Inject
    Clock clock;

    /** The connection (null id: the developer's single configuration) a login goes through. */
    record Target(String developerId, String connectionId, ConnectionSettings settings) {
    }

    /** GET /sso/login's answer; the fields of other protocols are null. */
    public record LoginStart(String authorizeUrl, String protocol, String connectionId, String ldapUrl, String message) {
    }

    LoginStart start(String org, String domain, String redirectUri) {
        if (org == null || org.isBlank()) {
            throw ApiException.badRequest("org query parameter is required");
        }
        if (redirectUri != null) {
            ConnectionChecks.httpUrl(redirectUri, "redirect_uri");
        }
        Target target = connections.forLogin(org, domain)
                .map(connection -> new Target(org, connection.id(), connection.settings()))
                .or(() -> configs.find(org).map(config -> new Target(org, null, SsoConfigs.asConnection(config))))
                .orElseThrow(() -> ApiException.notFound("SSO is not configured for this developer"));
        ConnectionSettings settings = target.settings();
        if (ConnectionSettings.LDAP.equals(settings.protocol())) {
            return new LoginStart(null, ConnectionSettings.LDAP, target.connectionId(), settings.ldapUrl(),
                    "LDAP connections take the person's credentials at POST /sso/callback/ldap");
        }
        String requestId = Base64.getUrlEncoder().withoutPadding().encodeToString(RandomBytes.of(24));
        String state = states.sign(new SsoState.Payload(org, target.connectionId(), requestId, redirectUri));
        if (ConnectionSettings.SAML.equals(settings.protocol())) {
            SamlServiceProvider.Authorization authorization = saml.authorization(settings, state);
            requests.save(new SsoLoginRequest(requestId, org, target.connectionId(), null, null,
                    authorization.requestId(), null, clock.instant().plus(SsoState.LIFETIME)));
            return new LoginStart(authorization.url(), ConnectionSettings.SAML, target.connectionId(), null, null);
        }
        String redirect = redirectUri != null ? redirectUri : settings.redirectUri();
        if (redirect == null) {
            throw ApiException.badRequest("redirect_uri is required: the connection has no redirectUri");
        }
        OidcClient.Authorization authorization = oidc.authorization(settings, redirect, state);
        requests.save(new SsoLoginRequest(requestId, org, target.connectionId(), authorization.nonce(),
                authorization.codeVerifier(), null, redirect, clock.instant().plus(SsoState.LIFETIME)));
        return new LoginStart(authorization.url().toString(), ConnectionSettings.OIDC, target.connectionId(), null, null);
    }

    /** GET /sso/callback and POST /sso/callback/oidc. */
    SsoSignIn.SignedIn oidcCallback(String code, String state, String redirectUri) {
        Fields.requireText(code, "code", 4096);
        SsoState.Payload payload = verified(state);
        SsoLoginRequest login = take(payload);
        if (redirectUri != null && !redirectUri.equals(login.redirectUri())) {
            throw SsoFailure.badRequest("redirect_uri is not the one the login was started with");
        }
        Target target = target(payload.org(), payload.connectionId(), ConnectionSettings.OIDC);
        SignedInIdentity identity = oidc.signIn(target.settings(),
                secretBox.open(target.settings().sealedClientSecret()), login, code);
        return signIn.complete(target.developerId(), target.connectionId(), target.settings(), identity);
    }

    /** POST /sso/callback/saml: the identity provider's response and the RelayState (the login's state). */
    SsoSignIn.SignedIn samlCallback(String samlResponse, String relayState) {
        Fields.requireText(samlResponse, "SAMLResponse", 1_000_000);
        SsoState.Payload payload = verified(relayState);
        SsoLoginRequest login = take(payload);
        Target target = target(payload.org(), payload.connectionId(), ConnectionSettings.SAML);
        SignedInIdentity identity = saml.signIn(target.settings(), samlResponse, login.samlRequestId());
        return signIn.complete(target.developerId(), target.connectionId(), target.settings(), identity);
    }

    /** POST /sso/callback/ldap. */
    SsoSignIn.SignedIn ldapCallback(String username, String password, String connectionId, String org) {
        Fields.requireText(org, "org", 256);
        Fields.requireText(connectionId, "connectionId", 64);
        Fields.requireText(username, "username", 256);
        if (password == null || password.length() > 1024) {
            throw ApiException.badRequest("password is required (at most 1024 characters)");
        }
        Target target = target(org, connectionId, ConnectionSettings.LDAP);
        SignedInIdentity identity = ldap.signIn(target.settings(),
                secretBox.open(target.settings().sealedLdapBindPassword()), username, password);
        return signIn.complete(target.developerId(), target.connectionId(), target.settings(), identity);
    }

    private SsoState.Payload verified(String state) {
        return states.verify(state).orElseThrow(() -> SsoFailure.badRequest("Invalid or expired state"));
    }

    /** The login the state names, taken: a second callback with the same state finds none. */
    private SsoLoginRequest take(SsoState.Payload payload) {
        SsoLoginRequest login = requests.take(payload.requestId(), clock.instant())
                .orElseThrow(() -> SsoFailure.badRequest("This login was completed already or has expired"));
        if (!login.developerId().equals(payload.org()) || !Objects.equals(login.connectionId(), payload.connectionId())) {
            throw SsoFailure.badRequest("Invalid or expired state");
        }
        return login;
    }

    /** The active connection (or, for a null id, the single configuration) of the protocol, or 404/400. */
    private Target target(String developerId, String connectionId, String protocol) {
        ConnectionSettings settings;
        if (connectionId == null) {
            settings = SsoConfigs.asConnection(configs.get(developerId));
        } else {
            settings = connections.get(developerId, connectionId).settings();
            if (!settings.active()) {
                throw SsoFailure.badRequest("This SSO connection is not active");
            }
        }
        if (!settings.protocol().equals(protocol)) {
            throw SsoFailure.badRequest("This SSO connection does not use " + protocol);
        }
        return new Target(developerId, connectionId, settings);
    }
}
