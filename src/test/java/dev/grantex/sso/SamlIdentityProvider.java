package dev.grantex.sso;

import com.onelogin.saml2.util.Util;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * A SAML identity provider for the tests: its own RSA key and self-signed certificate (made with the
 * JDK's keytool), and responses it signs the way identity providers do (the assertion, RSA-SHA256),
 * built from a template so that a test can change any one part.
 */
final class SamlIdentityProvider {
    static final String ENTITY_ID = "https://idp.corp.example/saml";
    private final PrivateKey key;
    private final X509Certificate certificate;

    SamlIdentityProvider() {
        try {
            Path store = Files.createTempDirectory(Path.of("target"), "saml-idp").resolve("idp.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "idp", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                    "-dname", "CN=test-idp", "-validity", "30", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, "changeit".toCharArray());
            }
            key = (PrivateKey) keyStore.getKey("idp", "changeit".toCharArray());
            certificate = (X509Certificate) keyStore.getCertificate("idp");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a response says; the tests change one field at a time. */
    record Answer(String inResponseTo, String destination, String audience, String issuer, String nameId,
                  Instant notOnOrAfter, String groups) {
        static Answer to(String requestId, String acsUrl, String audience, String nameId) {
            return new Answer(requestId, acsUrl, audience, ENTITY_ID, nameId,
                    Instant.now().plus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS), "eng");
        }
    }

    String assertion(Answer answer) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_a" + UUID.randomUUID()
                + "\" Version=\"2.0\" IssueInstant=\"" + now + "\"><saml:Issuer>" + answer.issuer() + "</saml:Issuer>"
                + "<saml:Subject><saml:NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\">"
                + answer.nameId() + "</saml:NameID><saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">"
                + "<saml:SubjectConfirmationData NotOnOrAfter=\"" + answer.notOnOrAfter() + "\" Recipient=\""
                + answer.destination() + "\" InResponseTo=\"" + answer.inResponseTo() + "\"/></saml:SubjectConfirmation>"
                + "</saml:Subject><saml:Conditions NotBefore=\"" + now.minus(1, ChronoUnit.MINUTES) + "\" NotOnOrAfter=\""
                + answer.notOnOrAfter() + "\"><saml:AudienceRestriction><saml:Audience>" + answer.audience()
                + "</saml:Audience></saml:AudienceRestriction></saml:Conditions>"
                + "<saml:AuthnStatement AuthnInstant=\"" + now + "\" SessionIndex=\"_s1\"><saml:AuthnContext>"
                + "<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
                + "</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
                + "<saml:AttributeStatement><saml:Attribute Name=\"displayName\"><saml:AttributeValue>Sam Example"
                + "</saml:AttributeValue></saml:Attribute><saml:Attribute Name=\"groups\"><saml:AttributeValue>"
                + answer.groups() + "</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion>";
    }

    /** The assertion signed with this provider's key (or another's: {@code signer}). */
    String signed(String assertion, SamlIdentityProvider signer) {
        try {
            String signedDocument = Util.addSign(Util.loadXML(assertion), signer.key, signer.certificate,
                    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2001/04/xmlenc#sha256");
            return signedDocument.replaceFirst("^<\\?xml[^>]*\\?>", "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base64 Response around an assertion, as the HTTP-POST binding carries it. */
    static String response(Answer answer, String assertion) {
        String xml = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
                + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_r" + UUID.randomUUID() + "\" Version=\"2.0\" "
                + "IssueInstant=\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\" Destination=\"" + answer.destination()
                + "\" InResponseTo=\"" + answer.inResponseTo() + "\"><saml:Issuer>" + answer.issuer() + "</saml:Issuer>"
                + "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>"
                + assertion + "</samlp:Response>";
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }
}
