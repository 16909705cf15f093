package dev.grantex.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.agents.Scopes;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.errors.ErrorCodes;
import dev.grantex.platform.ratelimit.LocalWindowCounter;
import dev.grantex.platform.ratelimit.RateLimitDecision;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmallPartsTest {
    @Test
    void timestampsHaveExactlyThreeFractionDigits() {
        assertEquals("2026-02-01T12:34:56.789Z", Timestamps.format(Instant.parse("2026-02-01T12:34:56.789123Z")));
        assertEquals("2026-02-01T12:34:56.000Z", Timestamps.format(Instant.parse("2026-02-01T12:34:56Z")));
    }

    @Test
    void idsArePrefixedUlidsWithFreshRandomness() {
        String a = Ids.newId("areq");
        String b = Ids.newId("areq");
        assertTrue(a.matches("areq_[0-9A-HJKMNP-TV-Z]{26}"), a);
        // Same millisecond or not, the 16 random characters share no predictable relation.
        assertFalse(a.substring(15).equals(b.substring(15)));
        assertTrue(a.substring(0, 15).compareTo(Ids.newId("areq").substring(0, 15)) <= 0, "time-ordered prefix");
    }

    @Test
    void scopesAreValidatedAndDeduplicated() {
        assertEquals(List.of("a:read", "b"), Scopes.validate(List.of("a:read", "b", "a:read")));
        assertThrows(ApiException.class, () -> Scopes.validate(List.of(" ")));
        assertThrows(ApiException.class, () -> Scopes.validate(List.of("a\nb")));
        assertThrows(ApiException.class, () -> Scopes.validate(List.of("x".repeat(257))));
    }

    @Test
    void localWindowCounterCountsPerKeyAndWindow() {
        LocalWindowCounter counter = new LocalWindowCounter();
        assertEquals(1, counter.increment("a", 10, 60));
        assertEquals(2, counter.increment("a", 10, 60));
        assertEquals(1, counter.increment("b", 10, 60));
        assertEquals(1, counter.increment("a", 11, 60), "a new window starts from zero");
    }

    @Test
    void rateLimitDecisionArithmetic() {
        RateLimitDecision within = new RateLimitDecision(100, 100, 7);
        assertFalse(within.exceeded());
        assertEquals(0, within.remaining());
        RateLimitDecision over = new RateLimitDecision(100, 101, 7);
        assertTrue(over.exceeded());
        assertEquals(0, over.remaining());
    }

    @Test
    void errorCodesFollowTheContractMapping() {
        assertEquals("UNAUTHORIZED", ErrorCodes.forStatus(401));
        assertEquals("FORBIDDEN", ErrorCodes.forStatus(403));
        assertEquals("NOT_FOUND", ErrorCodes.forStatus(404));
        assertEquals("VALIDATION_ERROR", ErrorCodes.forStatus(422));
        assertEquals("BAD_REQUEST", ErrorCodes.forStatus(405));
        assertEquals("INTERNAL_ERROR", ErrorCodes.forStatus(503));
    }
}
