package dev.grantex.platform.auth;

import dev.grantex.platform.crypto.Hashes;
import dev.grantex.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * GRANTEX_METRICS_KEY: when set, a scrape of /metrics must present it as a bearer token; without
 * one the metrics are open, for a laptop or a scraper on a private network.
 */
@ApplicationScoped
public class MetricsKeyVerifier implements CredentialVerifier {
    @Inject
    @ConfigProperty(name = "grantex.metrics.key")
    Optional<String> metricsKey;

    @Override
    public CredentialKind kind() {
        return CredentialKind.METRICS_KEY;
    }

    @Override
    public void authenticate(String authorizationHeader) {
        Optional<String> key = metricsKey.map(String::trim).filter(k -> !k.isEmpty());
        if (key.isPresent() && (authorizationHeader == null
                || !Hashes.constantTimeEquals(authorizationHeader, "Bearer " + key.get()))) {
            throw ApiException.unauthorized("Invalid metrics key");
        }
    }
}
