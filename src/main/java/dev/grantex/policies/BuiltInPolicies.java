package dev.grantex.policies;

import dev.grantex.authorization.AuthorizationPolicy.Question;
import dev.grantex.authorization.AuthorizationPolicy.Verdict;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The built-in policy engine: the developer's policies in priority order (highest first, then the
 * oldest), the first whose conditions all match deciding. Each developer's policies are kept in a
 * {@link DeveloperMemo}.
 */
@ApplicationScoped
class BuiltInPolicies {
    static final String ENGINE = "builtin";

    @Inject
    PolicyService policies;

    @Inject
    Clock clock;

    private DeveloperMemo<List<PolicyRule>> rules;

    @PostConstruct
    void init() {
        rules = new DeveloperMemo<>((developerId, previous) ->
                policies.list(developerId).stream().map(PolicyRule::of).toList());
    }

    Optional<Verdict> decide(Question question) {
        List<PolicyRule> developerRules = rules.get(question.developerId());
        if (developerRules.isEmpty()) {
            return Optional.empty();
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        int minuteOfDay = now.toLocalTime().toSecondOfDay() / 60;
        int weekday = now.getDayOfWeek().getValue() % 7;
        for (PolicyRule rule : developerRules) {
            if (rule.matches(question.agentId(), question.principalId(), question.scopes(), minuteOfDay, weekday)) {
                return Optional.of(new Verdict(rule.decision(), ENGINE, rule.policyId(), null));
            }
        }
        return Optional.empty();
    }

    void forget(String developerId) {
        rules.forget(developerId);
    }
}
