package dev.grantex.sso;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import dev.grantex.agents.Scopes;
import dev.grantex.platform.Fields;
import dev.grantex.platform.Text;
import dev.grantex.platform.errors.ApiException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The checks of SSO settings: each answers 400 naming the field, before anything is stored. */
final class ConnectionChecks {
    static final String USERNAME_PLACEHOLDER = "{{username}}";
    static final String DN_PLACEHOLDER = "{{dn}}";
    private static final int MAX_URL = 2048;
    private static final int MAX_DOMAINS = 50;
    private static final int MAX_MAPPINGS = 200;
    private static final Pattern DOMAIN = Pattern.compile(
            "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,62}$");

    private ConnectionChecks() {
    }

    /** The whole configuration of a connection is consistent for its protocol. */
    static ConnectionSettings check(ConnectionSettings s) {
        Fields.requireText(s.name(), "name", 256);
        Fields.requireOneOf(s.protocol(), "protocol", List.of(ConnectionSettings.OIDC, ConnectionSettings.SAML,
                ConnectionSettings.LDAP));
        Fields.requireOneOf(s.status(), "status", List.of("active", "inactive", "testing"));
        switch (s.protocol()) {
            case ConnectionSettings.OIDC -> {
                httpUrl(s.issuerUrl(), "issuerUrl");
                Fields.requireText(s.clientId(), "clientId", 512);
                required(s.sealedClientSecret(), "clientSecret");
                if (s.redirectUri() != null) {
                    httpUrl(s.redirectUri(), "redirectUri");
                }
            }
            case ConnectionSettings.SAML -> {
                Fields.requireText(s.idpEntityId(), "idpEntityId", 1024);
                httpUrl(s.idpSsoUrl(), "idpSsoUrl");
                certificate(s.idpCertificate());
                Fields.requireText(s.spEntityId(), "spEntityId", 1024);
                httpUrl(s.spAcsUrl(), "spAcsUrl");
            }
            default -> {
                ldapUrl(s.ldapUrl());
                dn(s.ldapBindDn(), "ldapBindDn");
                required(s.sealedLdapBindPassword(), "ldapBindPassword");
                dn(s.ldapSearchBase(), "ldapSearchBase");
                filterTemplate(s.ldapSearchFilter(), "ldapSearchFilter", USERNAME_PLACEHOLDER);
                if (s.ldapGroupSearchBase() != null) {
                    dn(s.ldapGroupSearchBase(), "ldapGroupSearchBase");
                    filterTemplate(s.ldapGroupSearchFilter(), "ldapGroupSearchFilter", DN_PLACEHOLDER);
                }
            }
        }
        if (s.groupAttribute() != null) {
            Fields.requireText(s.groupAttribute(), "groupAttribute", 256);
        }
        checkLengths(s);
        return s;
    }

    /**
     * Every setting, whatever the protocol: those of the other protocols are kept as given, for a
     * later switch of protocol (checked in full then), and are held to their columns' lengths.
     */
    private static void checkLengths(ConnectionSettings s) {
        bounded(s.issuerUrl(), "issuerUrl", MAX_URL);
        bounded(s.clientId(), "clientId", 512);
        bounded(s.redirectUri(), "redirectUri", MAX_URL);
        bounded(s.idpEntityId(), "idpEntityId", 1024);
        bounded(s.idpSsoUrl(), "idpSsoUrl", MAX_URL);
        bounded(s.spEntityId(), "spEntityId", 1024);
        bounded(s.spAcsUrl(), "spAcsUrl", MAX_URL);
        bounded(s.ldapUrl(), "ldapUrl", MAX_URL);
        bounded(s.ldapBindDn(), "ldapBindDn", 1024);
        bounded(s.ldapSearchBase(), "ldapSearchBase", 1024);
        bounded(s.ldapSearchFilter(), "ldapSearchFilter", 1024);
        bounded(s.ldapGroupSearchBase(), "ldapGroupSearchBase", 1024);
        bounded(s.ldapGroupSearchFilter(), "ldapGroupSearchFilter", 1024);
    }

    private static void bounded(String value, String field, int max) {
        if (value != null) {
            Fields.requireText(value, field, max);
        }
    }

    static String httpUrl(String value, String field) {
        Fields.requireText(value, field, MAX_URL);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest(field + " must be an absolute http(s) URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw ApiException.badRequest(field + " must be an absolute http(s) URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.badRequest(field + " must not carry credentials");
        }
        return value;
    }

    static List<String> domains(List<String> values) {
        if (values.size() > MAX_DOMAINS) {
            throw ApiException.badRequest("domains holds at most " + MAX_DOMAINS + " domains");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String value : values) {
            String domain = value.trim().toLowerCase(Locale.ROOT);
            if (!DOMAIN.matcher(domain).matches()) {
                throw ApiException.badRequest("domains: '" + value + "' is not a domain name such as example.com");
            }
            out.add(domain);
        }
        return List.copyOf(out);
    }

    static Map<String, List<String>> groupMappings(JsonObject mappings) {
        if (mappings.size() > MAX_MAPPINGS) {
            throw ApiException.badRequest("groupMappings holds at most " + MAX_MAPPINGS + " groups");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        mappings.forEach((group, scopes) -> {
            if (group.isEmpty() || group.length() > 256 || !Text.storable(group)) {
                throw ApiException.badRequest("groupMappings: group names are 1 to 256 characters");
            }
            if (scopes.getValueType() != JsonValue.ValueType.ARRAY) {
                throw ApiException.badRequest("groupMappings." + group + " must be an array of scopes");
            }
            List<String> list = new ArrayList<>();
            for (JsonValue scope : scopes.asJsonArray()) {
                if (!(scope instanceof JsonString text)) {
                    throw ApiException.badRequest("groupMappings." + group + " must be an array of scopes");
                }
                list.add(text.getString());
            }
            out.put(group, Scopes.validate(list));
        });
        return out;
    }

    /** The certificate parses as X.509, PEM or bare base64 DER. */
    static X509Certificate certificate(String value) {
        Fields.requireText(value, "idpCertificate", 16384);
        String base64 = value.replaceAll("-----(BEGIN|END) CERTIFICATE-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | CertificateException e) {
            throw ApiException.badRequest("idpCertificate is not an X.509 certificate (PEM or base64 DER)");
        }
    }

    private static void ldapUrl(String value) {
        Fields.requireText(value, "ldapUrl", MAX_URL);
        try {
            LDAPURL url = new LDAPURL(value);
            if (!url.hostProvided()) {
                throw ApiException.badRequest("ldapUrl must name a host: ldap://host[:port] or ldaps://host[:port]");
            }
        } catch (LDAPException e) {
            throw ApiException.badRequest("ldapUrl must be ldap://host[:port] or ldaps://host[:port]");
        }
    }

    private static void dn(String value, String field) {
        Fields.requireText(value, field, 1024);
        try {
            new DN(value);
        } catch (LDAPException e) {
            throw ApiException.badRequest(field + " is not a distinguished name: " + e.getMessage());
        }
    }

    private static void filterTemplate(String template, String field, String placeholder) {
        Fields.requireText(template, field, 1024);
        if (!template.contains(placeholder)) {
            throw ApiException.badRequest(field + " must contain " + placeholder);
        }
        try {
            Filter.create(template.replace(placeholder, "x"));
        } catch (LDAPException e) {
            throw ApiException.badRequest(field + " is not an LDAP filter: " + e.getMessage());
        }
    }

    private static void required(String value, String field) {
        if (value == null) {
            throw ApiException.badRequest(field + " is required");
        }
    }
}
