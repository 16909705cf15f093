package dev.grantex.webauthn;

import dev.grantex.platform.web.PublicUrl;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This server as a WebAuthn relying party: the RP id passkeys are bound to (GRANTEX_WEBAUTHN_RP_ID,
 * by default the public URL's host) and the page origins whose ceremonies are accepted
 * (GRANTEX_WEBAUTHN_ORIGINS, comma-separated, by default the public URL's origin).
 */
@ApplicationScoped
public class RelyingParty {
    private static final Logger LOG = Logger.getLogger(RelyingParty.class.getName());

    @Inject
    PublicUrl publicUrl;

    @Inject
    @ConfigProperty(name = "grantex.webauthn.rp-id")
    Optional<String> configuredId;

    @Inject
    @ConfigProperty(name = "grantex.webauthn.origins")
    Optional<String> configuredOrigins;

    private String id;
    private Set<String> origins;

    @PostConstruct
    void resolve() {
        id = configuredId.map(String::trim).filter(s -> !s.isEmpty())
                .orElseGet(() -> URI.create(publicUrl.origin()).getHost());
        origins = configuredOrigins.map(value -> Arrays.stream(value.split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).map(RelyingParty::withoutTrailingSlash)
                        .collect(Collectors.toCollection(LinkedHashSet::new)))
                .filter(set -> !set.isEmpty())
                .orElseGet(() -> new LinkedHashSet<>(Set.of(originOf(publicUrl.origin()))));
        for (String origin : origins) {
            URI uri = URI.create(origin);
            String host = uri.getHost();
            if (host == null || !(host.equals(id) || host.endsWith("." + id))) {
                throw new IllegalStateException("GRANTEX_WEBAUTHN_ORIGINS: " + origin
                        + " is not on the relying party id " + id + " (GRANTEX_WEBAUTHN_RP_ID)");
            }
        }
    }

    /** Resolved as the application starts, so a misconfiguration stops the start, not a ceremony later. */
    void resolveAtStart(@Observes Startup startup) {
        LOG.info("WebAuthn relying party " + id + ", accepting ceremonies from " + String.join(", ", origins));
    }

    String id() {
        return id;
    }

    Set<String> origins() {
        return origins;
    }

    /** scheme://host[:port] of a URL that may have a path. */
    private static String originOf(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static String withoutTrailingSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }
}
