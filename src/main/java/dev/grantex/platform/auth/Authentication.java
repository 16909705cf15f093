package dev.grantex.platform.auth;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one authentication mechanism: which credential a request needs, and checking it with the
 * verifier of that kind. JAX-RS routes come through {@link AuthenticationFilter}; the WebSocket
 * upgrade, which never reaches JAX-RS, calls {@link #authenticate} from its servlet filter.
 */
@ApplicationScoped
public class Authentication {
    @Inject
    Instance<CredentialVerifier> verifiers;

    private final Map<CredentialKind, CredentialVerifier> byKind = new EnumMap<>(CredentialKind.class);
    private final Map<Method, CredentialKind> kindByRoute = new ConcurrentHashMap<>();

    @PostConstruct
    void collect() {
        for (CredentialVerifier verifier : verifiers) {
            if (byKind.put(verifier.kind(), verifier) != null) {
                throw new IllegalStateException("Two verifiers for " + verifier.kind());
            }
        }
    }

    /** Checks the request's Authorization header for a credential of the kind; throws the answer when it fails. */
    public void authenticate(CredentialKind kind, String authorizationHeader) {
        if (kind == CredentialKind.NONE) {
            return;
        }
        CredentialVerifier verifier = byKind.get(kind);
        if (verifier == null) {
            throw new IllegalStateException("No verifier for " + kind);
        }
        verifier.authenticate(authorizationHeader);
    }

    /** The credential a JAX-RS route requires, from its method's or class's annotation. */
    public CredentialKind kindOf(ResourceInfo route) {
        Method method = route.getResourceMethod();
        if (method == null) {
            return CredentialKind.NONE;
        }
        return kindByRoute.computeIfAbsent(method, m -> {
            if (RouteAnnotations.has(route, PublicEndpoint.class)) {
                return CredentialKind.NONE;
            }
            if (RouteAnnotations.has(route, AdminEndpoint.class)) {
                return CredentialKind.ADMIN_KEY;
            }
            if (RouteAnnotations.has(route, PrincipalSessionEndpoint.class)) {
                return CredentialKind.PRINCIPAL_SESSION;
            }
            if (RouteAnnotations.has(route, MetricsEndpoint.class)) {
                return CredentialKind.METRICS_KEY;
            }
            if (RouteAnnotations.has(route, ScimEndpoint.class)) {
                return CredentialKind.SCIM_TOKEN;
            }
            if (RouteAnnotations.has(route, GrantTokenEndpoint.class)) {
                return CredentialKind.GRANT_TOKEN;
            }
            return CredentialKind.API_KEY;
        });
    }
}
