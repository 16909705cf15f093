package dev.grantex.vault;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which grant scopes let an agent take a principal's stored credential for a service (contract §7.10). */
final class VaultScopes {
    private VaultScopes() {
    }

    /** True when a scope (compared case-insensitively) is *, svc:*, svc:read, svc:credentials:read, vault:svc:*, vault:svc:read or vault:credentials:exchange. */
    static boolean allowExchange(List<String> scopes, String service) {
        Set<String> sufficient = Set.of("*", service + ":*", service + ":read", service + ":credentials:read",
                "vault:" + service + ":*", "vault:" + service + ":read", "vault:credentials:exchange");
        return scopes.stream().anyMatch(scope -> sufficient.contains(scope.toLowerCase(Locale.ROOT)));
    }
}
