package dev.grantex.keys;

import dev.grantex.platform.web.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The server's own did:web identifier: the issuer of its credentials and the subject of its DID document. */
@ApplicationScoped
public class ServerDid {
    @Inject
    PublicUrl publicUrl;

    @Inject
    @ConfigProperty(name = "grantex.did.domain")
    Optional<String> didDomain;

    /** {@code did:web:<GRANTEX_DID_DOMAIN>}, or of the public URL's host when that is not set. */
    public String did() {
        return "did:web:" + didDomain.map(String::trim).filter(d -> !d.isEmpty()).orElse(publicUrl.didWebDomain());
    }
}
