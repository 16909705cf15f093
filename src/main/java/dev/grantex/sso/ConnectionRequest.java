package dev.grantex.sso;

import jakarta.json.JsonObject;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * POST /v1/sso/connections and PATCH /v1/sso/connections/{id}. On create, name, protocol and the
 * protocol's own fields are required; on update every field is optional and those given replace
 * the stored ones (protocol cannot change).
 */
@Schema(name = "SsoConnectionRequest")
public record ConnectionRequest(
        @Schema(maxLength = 256) String name,
        @Schema(enumeration = {"oidc", "saml", "ldap"}) String protocol,
        @Schema(enumeration = {"active", "inactive", "testing"}, description = "Only active connections sign people in")
        String status,
        @Schema(maxLength = 2048, name = "issuerUrl", description = "OIDC: the provider's issuer; discovery is read from <issuerUrl>/.well-known/openid-configuration")
        String issuerUrl,
        @Schema(maxLength = 512, description = "OIDC client id") String clientId,
        @Schema(maxLength = 4096, description = "OIDC client secret: stored sealed, never returned") String clientSecret,
        @Schema(maxLength = 2048, description = "OIDC: where the provider sends people back; /sso/login?redirect_uri= overrides it")
        String redirectUri,
        @Schema(maxLength = 1024, description = "SAML: the identity provider's entity id (the Issuer of its responses)") String idpEntityId,
        @Schema(maxLength = 2048, description = "SAML: the identity provider's single sign-on URL (HTTP-Redirect binding)") String idpSsoUrl,
        @Schema(description = "SAML: the identity provider's signing certificate, PEM or base64 DER") String idpCertificate,
        @Schema(maxLength = 1024, description = "SAML: this server's entity id at the identity provider") String spEntityId,
        @Schema(maxLength = 2048, description = "SAML: the assertion consumer service URL registered at the identity provider") String spAcsUrl,
        @Schema(maxLength = 2048, description = "LDAP: ldap://host[:port] or ldaps://host[:port]") String ldapUrl,
        @Schema(maxLength = 1024, description = "LDAP: the DN the server binds as to search") String ldapBindDn,
        @Schema(maxLength = 4096, description = "LDAP: its password; stored sealed, never returned") String ldapBindPassword,
        @Schema(maxLength = 1024, description = "LDAP: where people are searched") String ldapSearchBase,
        @Schema(maxLength = 1024, description = "LDAP: the search filter, {{username}} standing for the escaped user name; default (uid={{username}})")
        String ldapSearchFilter,
        @Schema(maxLength = 1024, description = "LDAP: where groups are searched; without it, groups come from the person's memberOf")
        String ldapGroupSearchBase,
        @Schema(maxLength = 1024, description = "LDAP: the group filter, {{dn}} standing for the person's DN; default (member={{dn}})")
        String ldapGroupSearchFilter,
        @Schema(description = "LDAP: StartTLS on an ldap:// URL") Boolean ldapTlsEnabled,
        @Schema(description = "Email domains this connection signs in; /sso/login?domain= picks by them") List<String> domains,
        @Schema(description = "Create the SCIM user of a person signing in for the first time") Boolean jitProvisioning,
        @Schema(description = "Principals of this developer must sign in through SSO: principal sessions opened with the API key are refused")
        Boolean enforce,
        @Schema(maxLength = 256, description = "The ID-token claim or SAML/LDAP attribute that holds groups; default groups (OIDC, SAML) or memberOf (LDAP)")
        String groupAttribute,
        @Schema(description = "Group name to the scopes its members get", example = "{\"engineering\": [\"calendar:read\"]}")
        JsonObject groupMappings,
        @Schema(description = "Scopes of a person none of whose groups is mapped") List<String> defaultScopes) {
}
