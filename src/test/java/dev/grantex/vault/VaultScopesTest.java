package dev.grantex.vault;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VaultScopesTest {
    @Test
    void eachSufficientScopeAllowsInAnyCase() {
        for (String scope : List.of("*", "github:*", "GitHub:Read", "github:credentials:read", "vault:github:*",
                "VAULT:GITHUB:READ", "vault:credentials:exchange")) {
            assertTrue(VaultScopes.allowExchange(List.of("calendar:read", scope), "github"), scope);
        }
    }

    @Test
    void otherScopesDoNot() {
        for (String scope : List.of("github:write", "gitlab:read", "github", "vault:*", "vault:gitlab:read", "github:read:x",
                "github:credentials:write", "**")) {
            assertFalse(VaultScopes.allowExchange(List.of(scope), "github"), scope);
        }
        assertFalse(VaultScopes.allowExchange(List.of(), "github"));
    }
}
