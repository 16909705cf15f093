package dev.grantex.policies;

import dev.grantex.authorization.AuthorizationPolicy.Decision;
import java.util.List;
import java.util.Set;

/**
 * A policy as it is evaluated: its conditions, each null (or -1 for the window) for "any". A deny
 * matches a request that asks for any of its scopes, so adding a harmless scope cannot slip past it;
 * an allow matches only a request whose every scope it lists.
 */
record PolicyRule(String policyId, Decision decision, String agentId, String principalId, Set<String> scopes,
                  int startMinute, int endMinute) {

    static PolicyRule of(Policy policy) {
        PolicyFields f = policy.fields();
        return new PolicyRule(policy.id(), Policy.DENY.equals(f.effect()) ? Decision.DENY : Decision.ALLOW,
                f.agentId(), f.principalId(), f.scopes() == null ? null : Set.copyOf(f.scopes()),
                minuteOf(f.timeOfDayStart()), minuteOf(f.timeOfDayEnd()));
    }

    /** {@code minuteOfDay} is the current UTC minute of the day, 0 to 1439. */
    boolean matches(String agentId, String principalId, List<String> requested, int minuteOfDay) {
        if (this.agentId != null && !this.agentId.equals(agentId)) {
            return false;
        }
        if (this.principalId != null && !this.principalId.equals(principalId)) {
            return false;
        }
        if (scopes != null) {
            boolean scopesMatch = decision == Decision.DENY ? requested.stream().anyMatch(scopes::contains)
                    : scopes.containsAll(requested);
            if (!scopesMatch) {
                return false;
            }
        }
        return startMinute < 0 || inWindow(minuteOfDay);
    }

    /** [start, end), wrapping midnight when the end comes before the start (22:00–06:00). */
    private boolean inWindow(int minute) {
        return startMinute < endMinute ? minute >= startMinute && minute < endMinute
                : minute >= startMinute || minute < endMinute;
    }

    private static int minuteOf(String timeOfDay) {
        return timeOfDay == null ? -1
                : Integer.parseInt(timeOfDay.substring(0, 2)) * 60 + Integer.parseInt(timeOfDay.substring(3, 5));
    }
}
