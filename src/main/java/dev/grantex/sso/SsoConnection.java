package dev.grantex.sso;

import dev.grantex.platform.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An enterprise SSO connection of a developer: OIDC, SAML or LDAP, with its domains and group mappings. */
@Entity
@Table(name = "sso_connections")
public class SsoConnection {
    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String protocol;

    @Column(nullable = false)
    private String status;

    @Column(name = "issuer_url")
    private String issuerUrl;

    @Column(name = "client_id")
    private String clientId;

    @Column(name = "sealed_client_secret")
    private String sealedClientSecret;

    @Column(name = "redirect_uri")
    private String redirectUri;

    @Column(name = "idp_entity_id")
    private String idpEntityId;

    @Column(name = "idp_sso_url")
    private String idpSsoUrl;

    @Lob
    @Column(name = "idp_certificate")
    private String idpCertificate;

    @Column(name = "sp_entity_id")
    private String spEntityId;

    @Column(name = "sp_acs_url")
    private String spAcsUrl;

    @Column(name = "ldap_url")
    private String ldapUrl;

    @Column(name = "ldap_bind_dn")
    private String ldapBindDn;

    @Column(name = "sealed_ldap_bind_password")
    private String sealedLdapBindPassword;

    @Column(name = "ldap_search_base")
    private String ldapSearchBase;

    @Column(name = "ldap_search_filter")
    private String ldapSearchFilter;

    @Column(name = "ldap_group_search_base")
    private String ldapGroupSearchBase;

    @Column(name = "ldap_group_search_filter")
    private String ldapGroupSearchFilter;

    @Column(name = "ldap_tls_enabled", nullable = false)
    private boolean ldapTlsEnabled;

    @Lob
    @Column(nullable = false)
    private String domains;

    @Column(name = "jit_provisioning", nullable = false)
    private boolean jitProvisioning;

    @Column(nullable = false)
    private boolean enforce;

    @Column(name = "group_attribute")
    private String groupAttribute;

    @Lob
    @Column(name = "group_mappings", nullable = false)
    private String groupMappings;

    @Lob
    @Column(name = "default_scopes", nullable = false)
    private String defaultScopes;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected SsoConnection() {
    }

    SsoConnection(String id, String developerId, Instant createdAt) {
        this.id = id;
        this.developerId = developerId;
        this.createdAt = createdAt;
    }

    void write(ConnectionSettings s, Instant now) {
        name = s.name();
        protocol = s.protocol();
        status = s.status();
        issuerUrl = s.issuerUrl();
        clientId = s.clientId();
        sealedClientSecret = s.sealedClientSecret();
        redirectUri = s.redirectUri();
        idpEntityId = s.idpEntityId();
        idpSsoUrl = s.idpSsoUrl();
        idpCertificate = s.idpCertificate();
        spEntityId = s.spEntityId();
        spAcsUrl = s.spAcsUrl();
        ldapUrl = s.ldapUrl();
        ldapBindDn = s.ldapBindDn();
        sealedLdapBindPassword = s.sealedLdapBindPassword();
        ldapSearchBase = s.ldapSearchBase();
        ldapSearchFilter = s.ldapSearchFilter();
        ldapGroupSearchBase = s.ldapGroupSearchBase();
        ldapGroupSearchFilter = s.ldapGroupSearchFilter();
        ldapTlsEnabled = s.ldapTlsEnabled();
        domains = Jsonp.stringArray(s.domains()).build().toString();
        jitProvisioning = s.jitProvisioning();
        enforce = s.enforce();
        groupAttribute = s.groupAttribute();
        JsonObjectBuilder mappings = Jsonp.objectBuilder();
        s.groupMappings().forEach((group, scopes) -> mappings.add(group, Jsonp.stringArray(scopes)));
        groupMappings = mappings.build().toString();
        defaultScopes = Jsonp.stringArray(s.defaultScopes()).build().toString();
        updatedAt = now;
    }

    ConnectionSettings settings() {
        return new ConnectionSettings(name, protocol, status, issuerUrl, clientId, sealedClientSecret, redirectUri,
                idpEntityId, idpSsoUrl, idpCertificate, spEntityId, spAcsUrl, ldapUrl, ldapBindDn,
                sealedLdapBindPassword, ldapSearchBase, ldapSearchFilter, ldapGroupSearchBase, ldapGroupSearchFilter,
                ldapTlsEnabled, strings(domains), jitProvisioning, enforce, groupAttribute, mappings(groupMappings),
                strings(defaultScopes));
    }

    void enforce(boolean enforced, Instant now) {
        enforce = enforced;
        updatedAt = now;
    }

    public String id() {
        return id;
    }

    public String developerId() {
        return developerId;
    }

    public String protocol() {
        return protocol;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    static List<String> strings(String json) {
        try (var reader = Jsonp.reader(json)) {
            return reader.readArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
    }

    private static Map<String, List<String>> mappings(String json) {
        JsonObject object;
        try (var reader = Jsonp.reader(json)) {
            object = reader.readObject();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        object.forEach((group, scopes) -> out.put(group, ((JsonArray) scopes).getValuesAs(JsonString.class)
                .stream().map(JsonString::getString).toList()));
        return out;
    }
}
