package dev.grantex.developers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates the operator's first developer from GRANTEX_BOOTSTRAP_API_KEY, so no signup is needed. */
@ApplicationScoped
public class BootstrapDeveloper {
    @Inject
    DeveloperService developers;

    @Inject
    @ConfigProperty(name = "grantex.bootstrap.api-key")
    Optional<String> apiKey;

    @Inject
    @ConfigProperty(name = "grantex.bootstrap.mode", defaultValue = "live")
    String mode;

    void onStart(@Observes Startup startup) {
        apiKey.map(String::trim).filter(key -> !key.isEmpty()).ifPresent(key -> {
            try {
                developers.ensureBootstrapDeveloper(key, mode);
            } catch (RuntimeException raced) {
                // Another node starting at the same time created it (unique key hash); check once more.
                if (developers.authenticate(key).isEmpty()) {
                    throw raced;
                }
            }
        });
    }
}
