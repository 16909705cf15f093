package dev.grantex.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The OpenID Connect relying party, with Nimbus's SDK: discovery, the authorization request with a
 * nonce and PKCE (S256, when the provider advertises it), the code exchange and the ID token's
 * checks (signature by the provider's JWKS with one of its advertised asymmetric algorithms only,
 * iss, aud, azp, exp, iat and the nonce). A provider's metadata and keys are kept for 10 minutes.
 */
@ApplicationScoped
public class OidcClient {
    static final String DEFAULT_GROUP_CLAIM = "groups";
    private static final Duration METADATA_LIFETIME = Duration.ofMinutes(10);
    private static final int TIMEOUT_MILLIS = 5000;
    private static final int MAX_CLOCK_SKEW_SECONDS = 60;

    @Inject
    Clock clock;

    /** A provider as discovered, with its key source and the ID-token algorithms it may use. */
    record Provider(OIDCProviderMetadata metadata, JWKSource<SecurityContext> keys, Set<JWSAlgorithm> algorithms,
                    Instant fetchedAt) {
        boolean pkce() {
            return metadata.getCodeChallengeMethods() != null
                    && metadata.getCodeChallengeMethods().contains(CodeChallengeMethod.S256);
        }
    }

    /** An authorization request just built, and what its callback must hold on to. */
    record Authorization(URI url, String nonce, String codeVerifier) {
    }

    private final Map<String, Provider> providers = new ConcurrentHashMap<>();

    /** The provider's discovery document and keys (at most 10 minutes old), or 502 SSO_ERROR. */
    Provider provider(String issuerUrl) {
        Provider cached = providers.get(issuerUrl);
        if (cached != null && cached.fetchedAt().plus(METADATA_LIFETIME).isAfter(clock.instant())) {
            return cached;
        }
        return discover(issuerUrl);
    }

    /** Fetches the provider's discovery document now; 502 SSO_ERROR when it cannot be had. */
    Provider discover(String issuerUrl) {
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.resolve(new Issuer(issuerUrl), TIMEOUT_MILLIS, TIMEOUT_MILLIS);
        } catch (GeneralException | IOException | RuntimeException e) {
            throw SsoFailure.provider("OpenID Connect discovery failed for " + issuerUrl + ": " + e.getMessage());
        }
        Set<JWSAlgorithm> algorithms = metadata.getIDTokenJWSAlgs() == null ? Set.of() : metadata.getIDTokenJWSAlgs()
                .stream().filter(JWSAlgorithm.Family.SIGNATURE::contains).collect(Collectors.toUnmodifiableSet());
        if (algorithms.isEmpty() || metadata.getJWKSetURI() == null || metadata.getTokenEndpointURI() == null) {
            throw SsoFailure.provider("The provider at " + issuerUrl + " advertises no asymmetric ID-token "
                    + "algorithm, JWKS or token endpoint");
        }
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, 512 * 1024)).retrying(true).build();
        } catch (MalformedURLException e) {
            throw SsoFailure.provider("The provider's jwks_uri is not a URL: " + metadata.getJWKSetURI());
        }
        Provider provider = new Provider(metadata, keys, algorithms, clock.instant());
        providers.put(issuerUrl, provider);
        return provider;
    }

    Authorization authorization(ConnectionSettings settings, String redirectUri, String state) {
        Provider provider = provider(settings.issuerUrl());
        if (provider.metadata().getAuthorizationEndpointURI() == null) {
            throw SsoFailure.provider("The provider advertises no authorization endpoint");
        }
        Nonce nonce = new Nonce();
        CodeVerifier verifier = provider.pkce() ? new CodeVerifier() : null;
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "email", "profile"), new ClientID(settings.clientId()), URI.create(redirectUri))
                .endpointURI(provider.metadata().getAuthorizationEndpointURI())
                .state(new State(state))
                .nonce(nonce);
        if (verifier != null) {
            request.codeChallenge(verifier, CodeChallengeMethod.S256);
        }
        return new Authorization(request.build().toURI(), nonce.getValue(), verifier == null ? null : verifier.getValue());
    }

    /** Exchanges the code and checks the ID token; the person it names, or 400/502 SSO_ERROR. */
    SignedInIdentity signIn(ConnectionSettings settings, String clientSecret, SsoLoginRequest login, String code) {
        Provider provider = provider(settings.issuerUrl());
        JWT idToken = exchange(provider, settings, clientSecret, login, code);
        IDTokenValidator validator = new IDTokenValidator(new Issuer(provider.metadata().getIssuer().getValue()),
                new ClientID(settings.clientId()), new JWSVerificationKeySelector<>(provider.algorithms(), provider.keys()),
                null);
        validator.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        IDTokenClaimsSet claims;
        try {
            claims = validator.validate(idToken, new Nonce(login.nonce()));
        } catch (BadJOSEException | JOSEException e) {
            throw SsoFailure.badRequest("The ID token was refused: " + e.getMessage());
        }
        requireAuthorizedParty(claims, settings.clientId());
        String groupClaim = settings.groupAttribute() == null ? DEFAULT_GROUP_CLAIM : settings.groupAttribute();
        return new SignedInIdentity(claims.getSubject().getValue(), verifiedEmail(claims), name(claims),
                groups(claims.getClaim(groupClaim)));
    }

    /**
     * The email, unless the provider says it is unverified: an email a person set themselves must not
     * find another person's SCIM user. Providers that send no email_verified (Entra ID) vouch for
     * the addresses their administrators assign.
     */
    private static String verifiedEmail(IDTokenClaimsSet claims) {
        return Boolean.FALSE.equals(claims.getBooleanClaim("email_verified")) ? null : claims.getStringClaim("email");
    }

    private JWT exchange(Provider provider, ConnectionSettings settings, String clientSecret, SsoLoginRequest login,
                         String code) {
        ClientID clientId = new ClientID(settings.clientId());
        List<ClientAuthenticationMethod> methods = provider.metadata().getTokenEndpointAuthMethods();
        ClientAuthentication authentication = methods != null && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                ? new ClientSecretPost(clientId, new Secret(clientSecret))
                : new ClientSecretBasic(clientId, new Secret(clientSecret));
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code),
                URI.create(login.redirectUri()), login.codeVerifier() == null ? null : new CodeVerifier(login.codeVerifier()));
        HTTPRequest http = new TokenRequest(provider.metadata().getTokenEndpointURI(), authentication, grant).toHTTPRequest();
        http.setConnectTimeout(TIMEOUT_MILLIS);
        http.setReadTimeout(TIMEOUT_MILLIS);
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException e) {
            throw SsoFailure.provider("The provider's token endpoint did not answer: " + e.getMessage());
        } catch (ParseException e) {
            throw SsoFailure.provider("The provider's token response is not OpenID Connect: " + e.getMessage());
        }
        if (!response.indicatesSuccess()) {
            TokenErrorResponse error = response.toErrorResponse();
            String reason = error.getErrorObject() == null ? "refused" : error.getErrorObject().getCode();
            throw SsoFailure.badRequest("The provider refused the authorization code: " + reason);
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw SsoFailure.provider("The provider's token response holds no ID token");
        }
        return idToken;
    }

    /**
     * OpenID Connect Core §3.1.3.7: with several audiences the token must name us as its authorized
     * party (azp), and an azp present must be us. Nimbus's validator leaves this to the client.
     */
    private static void requireAuthorizedParty(IDTokenClaimsSet claims, String clientId) {
        String azp = claims.getStringClaim("azp");
        if (azp != null ? !azp.equals(clientId) : claims.getAudience().size() > 1) {
            throw SsoFailure.badRequest("The ID token was refused: its authorized party (azp) is not this client");
        }
    }

    private static String name(IDTokenClaimsSet claims) {
        String name = claims.getStringClaim("name");
        return name != null ? name : claims.getStringClaim("preferred_username");
    }

    /** A groups claim is a list of strings, or one string. */
    static List<String> groups(Object claim) {
        if (claim instanceof String single) {
            return List.of(single);
        }
        if (claim instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }
}
