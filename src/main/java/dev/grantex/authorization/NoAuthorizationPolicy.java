package dev.grantex.authorization;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.util.List;
import java.util.Optional;

/** The policy in force until policies are configured: never decides, so the principal is asked. */
@ApplicationScoped
@Default
public class NoAuthorizationPolicy implements AuthorizationPolicy {
    @Override
    public Optional<Decision> decide(String developerId, String agentId, String principalId, List<String> scopes) {
        return Optional.empty();
    }
}
