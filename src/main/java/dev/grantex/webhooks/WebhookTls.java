package dev.grantex.webhooks;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whom webhook attempts over https trust: the JVM's own certificate authorities (its trust store,
 * not the default TLS context, which with Liberty's ssl-1.0 feature is Liberty's own configuration,
 * trusting the server's key store), and the authorities of GRANTEX_WEBHOOK_TRUSTED_CERTIFICATES, a
 * PEM file, for receivers whose certificates an organisation's own CA issued.
 */
@ApplicationScoped
class WebhookTls {
    private static final Logger LOG = Logger.getLogger(WebhookTls.class.getName());

    @Inject
    @ConfigProperty(name = "grantex.webhook.trusted-certificates")
    Optional<String> trustedCertificates;

    private SSLSocketFactory socketFactory;
    /** What is trusted, for the log. */
    private String trustSummary;

    @PostConstruct
    void load() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int count = 0;
            for (X509Certificate authority : jvmTrust().getAcceptedIssuers()) {
                store.setCertificateEntry("jvm-" + count++, authority);
            }
            trustSummary = count + " authorities of the JVM";
            Optional<Path> file = trustedCertificates.map(String::trim).filter(s -> !s.isEmpty()).map(Path::of);
            if (file.isPresent()) {
                Collection<? extends Certificate> configured = read(file.get());
                for (Certificate authority : configured) {
                    store.setCertificateEntry("configured-" + count++, authority);
                }
                trustSummary += " and " + configured.size() + " of " + file.get();
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            socketFactory = context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("The TLS trust of webhook attempts cannot be set up: " + e.getMessage(), e);
        }
    }

    /** Loaded as the application starts, so a misconfiguration stops the start, not a delivery later. */
    void loadAtStart(@Observes Startup startup) {
        LOG.info("Webhook receivers over https are trusted with certificates from " + trustSummary);
    }

    SSLSocketFactory socketFactory() {
        return socketFactory;
    }

    /** The trust manager of the JVM's own trust store (javax.net.ssl.trustStore, or its cacerts). */
    private static X509TrustManager jvmTrust() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("The JVM has no X.509 trust manager");
    }

    private static Collection<? extends Certificate> read(Path file) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new IOException("GRANTEX_WEBHOOK_TRUSTED_CERTIFICATES: cannot read " + file + " (" + e + ")", e);
        } catch (CertificateException e) {
            throw new CertificateException("GRANTEX_WEBHOOK_TRUSTED_CERTIFICATES: " + file
                    + " is not a PEM file of certificates (" + e.getMessage() + ")", e);
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("GRANTEX_WEBHOOK_TRUSTED_CERTIFICATES: " + file + " holds no certificate");
        }
        return certificates;
    }
}
