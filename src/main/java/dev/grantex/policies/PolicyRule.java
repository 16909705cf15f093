package dev.grantex.policies;

import dev.grantex.authorization.AuthorizationPolicy.Decision;
import java.util.List;
import java.util.Set;

/**
 * A policy as it is evaluated: its conditions, each null (or -1 for the window) for "any", and its
 * weekdays as bits (bit 0 Sunday to bit 6 Saturday). A deny matches a request that asks for any of
 * its scopes, so adding a harmless scope cannot slip past it; an allow matches only a request whose
 * every scope it lists.
 */
record PolicyRule(String policyId, Decision decision, String agentId, String principalId, Set<String> scopes,
                  int startMinute, int endMinute, int weekdays) {
    private static final int EVERY_DAY = 0b111_1111;

    static PolicyRule of(Policy policy) {
        PolicyFields f = policy.fields();
        return new PolicyRule(policy.id(), Policy.DENY.equals(f.effect()) ? Decision.DENY : Decision.ALLOW,
                f.agentId(), f.principalId(), f.scopes() == null ? null : Set.copyOf(f.scopes()),
                minuteOf(f.timeOfDayStart()), minuteOf(f.timeOfDayEnd()),
                f.days() == null ? EVERY_DAY : f.days().stream().mapToInt(day -> 1 << day).reduce(0, (a, b) -> a | b));
    }

    /**
     * {@code minuteOfDay} is the current UTC minute of the day, 0 to 1439, and {@code weekday} the
     * current UTC weekday, 0 (Sunday) to 6 (Saturday).
     */
    boolean matches(String agentId, String principalId, List<String> requested, int minuteOfDay, int weekday) {
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
        if (startMinute >= 0 && !inWindow(minuteOfDay)) {
            return false;
        }
        // A window that wraps midnight belongs to the day it began on: Friday 22:00–06:00 holds
        // early on Saturday, not early on Friday.
        boolean continuedFromYesterday = startMinute > endMinute && minuteOfDay < endMinute;
        int day = continuedFromYesterday ? (weekday + 6) % 7 : weekday;
        return (weekdays & (1 << day)) != 0;
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
