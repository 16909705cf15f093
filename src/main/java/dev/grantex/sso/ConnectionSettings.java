package dev.grantex.sso;

import java.util.List;
import java.util.Map;

/**
 * Everything an enterprise connection is configured with, as stored: the secrets sealed. One record
 * for create and update, so both go through the same checks ({@link ConnectionChecks}).
 */
record ConnectionSettings(
        String name,
        String protocol,
        String status,
        String issuerUrl,
        String clientId,
        String sealedClientSecret,
        String redirectUri,
        String idpEntityId,
        String idpSsoUrl,
        String idpCertificate,
        String spEntityId,
        String spAcsUrl,
        String ldapUrl,
        String ldapBindDn,
        String sealedLdapBindPassword,
        String ldapSearchBase,
        String ldapSearchFilter,
        String ldapGroupSearchBase,
        String ldapGroupSearchFilter,
        boolean ldapTlsEnabled,
        List<String> domains,
        boolean jitProvisioning,
        boolean enforce,
        String groupAttribute,
        Map<String, List<String>> groupMappings,
        List<String> defaultScopes) {

    static final String OIDC = "oidc";
    static final String SAML = "saml";
    static final String LDAP = "ldap";
    static final String ACTIVE = "active";

    boolean active() {
        return ACTIVE.equals(status);
    }
}
