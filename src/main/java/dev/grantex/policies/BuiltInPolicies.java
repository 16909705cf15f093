package dev.grantex.policies;

import dev.grantex.authorization.AuthorizationPolicy;
import dev.grantex.events.EventRelay;
import dev.grantex.events.NodeSignal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in policy engine: the developer's policies in priority order (highest first, then the
 * oldest), the first whose conditions all match deciding. Each developer's policies are read once
 * and kept, so authorize does not query them on every request. A change is seen at once on its own
 * node and, through the Redis signal, on the others; should a signal be lost (Redis away), a node
 * reads the policies again at the latest after {@link #REREAD_AFTER}.
 */
@ApplicationScoped
public class BuiltInPolicies implements AuthorizationPolicy {
    static final Duration REREAD_AFTER = Duration.ofSeconds(10);
    private static final String CHANGED_SIGNAL = "policies-changed";

    private record Read(List<PolicyRule> rules, long atNanos) {
        boolean fresh(long now) {
            return now - atNanos < REREAD_AFTER.toNanos();
        }
    }

    @Inject
    PolicyService policies;

    @Inject
    Clock clock;

    @Inject
    EventRelay relay;

    private final Map<String, Read> byDeveloper = new ConcurrentHashMap<>();

    @Override
    public Optional<Verdict> decide(String developerId, String agentId, String principalId, List<String> scopes) {
        List<PolicyRule> rules = rulesOf(developerId);
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        int minuteOfDay = now.toLocalTime().toSecondOfDay() / 60;
        int weekday = now.getDayOfWeek().getValue() % 7;
        for (PolicyRule rule : rules) {
            if (rule.matches(agentId, principalId, scopes, minuteOfDay, weekday)) {
                return Optional.of(new Verdict(rule.decision(), rule.policyId()));
            }
        }
        return Optional.empty();
    }

    private List<PolicyRule> rulesOf(String developerId) {
        long now = System.nanoTime();
        Read read = byDeveloper.get(developerId);
        if (read == null || !read.fresh(now)) {
            // Reading under the map's lock for this developer: a change committed meanwhile waits for
            // the read to finish before it forgets it, so no stale read outlives the change.
            read = byDeveloper.compute(developerId, (id, old) -> old != null && old.fresh(now) ? old
                    : new Read(load(id), System.nanoTime()));
        }
        return read.rules();
    }

    private List<PolicyRule> load(String developerId) {
        return policies.list(developerId).stream().map(PolicyRule::of).toList();
    }

    void forgetChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PoliciesChanged changed) {
        byDeveloper.remove(changed.developerId());
        relay.signal(CHANGED_SIGNAL, changed.developerId());
    }

    void forgetChangedElsewhere(@Observes NodeSignal signal) {
        if (CHANGED_SIGNAL.equals(signal.topic())) {
            byDeveloper.remove(signal.payload());
        }
    }
}
