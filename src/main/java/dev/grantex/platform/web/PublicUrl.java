package dev.grantex.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The server's public origin: token issuer, base of consent and dashboard links, did:web domain. */
@ApplicationScoped
public class PublicUrl {
    @Inject
    @ConfigProperty(name = "grantex.public.url", defaultValue = "http://localhost:9080")
    String configured;

    /** The origin without a trailing slash, e.g. {@code https://grantex.example.com}. */
    public String origin() {
        return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    /** The did:web method-specific id of this origin: host, with a port as %3A, path segments as ':'. */
    public String didWebDomain() {
        String withoutScheme = origin().replaceFirst("^https?://", "");
        int slash = withoutScheme.indexOf('/');
        String host = slash < 0 ? withoutScheme : withoutScheme.substring(0, slash);
        String path = slash < 0 ? "" : withoutScheme.substring(slash).replace('/', ':');
        return host.replace(":", "%3A") + path;
    }
}
