package dev.grantex.sso;

import dev.grantex.platform.crypto.SecretBox;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.sso.SsoViews.TestResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.cert.CertificateException;

/**
 * Tries a connection the way a login would use it: OIDC discovery (fetched afresh), the SAML
 * identity provider's certificate, or an LDAP bind as the service account and a read of the search base.
 */
@ApplicationScoped
public class ConnectionTest {
    @Inject
    OidcClient oidc;

    @Inject
    LdapDirectory ldap;

    @Inject
    SecretBox secretBox;

    TestResult run(ConnectionSettings settings) {
        try {
            return switch (settings.protocol()) {
                case ConnectionSettings.OIDC -> {
                    OidcClient.Provider provider = oidc.discover(settings.issuerUrl());
                    yield new TestResult(true, settings.protocol(), provider.metadata().getIssuer().getValue(),
                            String.valueOf(provider.metadata().getAuthorizationEndpointURI()),
                            provider.metadata().getTokenEndpointURI().toString(),
                            provider.metadata().getJWKSetURI().toString(), null, null, null);
                }
                case ConnectionSettings.SAML -> {
                    ConnectionChecks.certificate(settings.idpCertificate()).checkValidity();
                    yield new TestResult(true, settings.protocol(), null, null, null, null, settings.idpEntityId(),
                            settings.idpSsoUrl(), null);
                }
                default -> {
                    ldap.check(settings, secretBox.open(settings.sealedLdapBindPassword()));
                    yield new TestResult(true, settings.protocol(), null, null, null, null, null, null, null);
                }
            };
        } catch (ApiException failed) {
            return TestResult.failed(settings.protocol(), failed.getMessage());
        } catch (CertificateException expired) {
            return TestResult.failed(settings.protocol(), "The identity provider's certificate is expired or not yet valid");
        }
    }
}
