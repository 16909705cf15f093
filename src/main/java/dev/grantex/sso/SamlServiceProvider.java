package dev.grantex.sso;

import com.onelogin.saml2.authn.AuthnRequest;
import com.onelogin.saml2.authn.SamlResponse;
import com.onelogin.saml2.settings.Saml2Settings;
import com.onelogin.saml2.settings.SettingsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SAML 2.0 service provider, with OneLogin's java-saml: SP-initiated login over the HTTP-Redirect
 * binding, and the response's checks in strict mode: the assertion signed by the identity
 * provider's certificate (SHA-1 refused), its issuer, audience, destination and recipient, its time
 * window, and InResponseTo naming this login's request.
 */
@ApplicationScoped
public class SamlServiceProvider {
    static final String DEFAULT_GROUP_ATTRIBUTE = "groups";
    private static final List<String> EMAIL_ATTRIBUTES = List.of("email", "mail", "emailAddress",
            "urn:oid:0.9.2342.19200300.100.1.3", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress");
    private static final List<String> NAME_ATTRIBUTES = List.of("displayName", "name", "cn",
            "urn:oid:2.16.840.1.113730.3.1.241", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name");

    /** The identity provider's URL to send the person to, and the id its response must answer. */
    record Authorization(String url, String requestId) {
    }

    Authorization authorization(ConnectionSettings settings, String relayState) {
        AuthnRequest request = new AuthnRequest(settings(settings));
        String encoded;
        try {
            encoded = request.getEncodedAuthnRequest();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode a SAML AuthnRequest", e);
        }
        String url = settings.idpSsoUrl() + (settings.idpSsoUrl().contains("?") ? "&" : "?")
                + "SAMLRequest=" + URLEncoder.encode(encoded, StandardCharsets.UTF_8)
                + "&RelayState=" + URLEncoder.encode(relayState, StandardCharsets.UTF_8);
        return new Authorization(url, request.getId());
    }

    /** The person a valid response names; 400 SSO_ERROR with the reason otherwise. */
    SignedInIdentity signIn(ConnectionSettings settings, String samlResponse, String requestId) {
        SamlResponse response;
        try {
            response = new SamlResponse(settings(settings), settings.spAcsUrl(), samlResponse);
        } catch (Exception unreadable) {
            throw SsoFailure.badRequest("The SAML response cannot be read: " + unreadable.getMessage());
        }
        if (!response.isValid(requestId)) {
            throw SsoFailure.badRequest("The SAML response was refused: " + response.getError());
        }
        try {
            Map<String, List<String>> attributes = response.getAttributes();
            String groupAttribute = settings.groupAttribute() == null ? DEFAULT_GROUP_ATTRIBUTE : settings.groupAttribute();
            String nameId = response.getNameId();
            String email = first(attributes, EMAIL_ATTRIBUTES);
            if (email == null && nameId != null && nameId.contains("@")) {
                email = nameId;
            }
            return new SignedInIdentity(nameId, email, first(attributes, NAME_ATTRIBUTES),
                    attributes.getOrDefault(groupAttribute, List.of()));
        } catch (Exception unreadable) {
            throw SsoFailure.badRequest("The SAML assertion cannot be read: " + unreadable.getMessage());
        }
    }

    private static String first(Map<String, List<String>> attributes, List<String> names) {
        for (String name : names) {
            List<String> values = attributes.get(name);
            if (values != null && !values.isEmpty()) {
                return values.get(0);
            }
        }
        return null;
    }

    private static Saml2Settings settings(ConnectionSettings settings) {
        Map<String, Object> values = new HashMap<>();
        values.put(SettingsBuilder.STRICT_PROPERTY_KEY, true);
        values.put(SettingsBuilder.SP_ENTITYID_PROPERTY_KEY, settings.spEntityId());
        values.put(SettingsBuilder.SP_ASSERTION_CONSUMER_SERVICE_URL_PROPERTY_KEY, settings.spAcsUrl());
        values.put(SettingsBuilder.IDP_ENTITYID_PROPERTY_KEY, settings.idpEntityId());
        values.put(SettingsBuilder.IDP_SINGLE_SIGN_ON_SERVICE_URL_PROPERTY_KEY, settings.idpSsoUrl());
        values.put(SettingsBuilder.IDP_X509CERT_PROPERTY_KEY, settings.idpCertificate());
        values.put(SettingsBuilder.SECURITY_WANT_ASSERTIONS_SIGNED, true);
        values.put(SettingsBuilder.SECURITY_WANT_XML_VALIDATION, true);
        values.put(SettingsBuilder.SECURITY_REJECT_UNSOLICITED_RESPONSES_WITH_INRESPONSETO, true);
        values.put(SettingsBuilder.SECURITY_REJECT_DEPRECATED_ALGORITHM, true);
        return new SettingsBuilder().fromValues(values).build();
    }
}
