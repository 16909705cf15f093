package dev.grantex.authorization;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.grantex.platform.Durations;
import dev.grantex.platform.errors.ApiException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PkceTest {
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void rfc7636Vector() {
        assertEquals(CHALLENGE, Pkce.challengeOf(VERIFIER));
        assertDoesNotThrow(() -> Pkce.verify(CHALLENGE, VERIFIER));
    }

    @Test
    void challengeFieldsComeTogetherAndOnlyS256() {
        assertNull(Pkce.checkChallenge(null, null));
        assertEquals(CHALLENGE, Pkce.checkChallenge(CHALLENGE, "S256"));
        assertThrows(ApiException.class, () -> Pkce.checkChallenge(CHALLENGE, null));
        assertThrows(ApiException.class, () -> Pkce.checkChallenge(null, "S256"));
        assertThrows(ApiException.class, () -> Pkce.checkChallenge(CHALLENGE, "plain"));
        assertThrows(ApiException.class, () -> Pkce.checkChallenge("short", "S256"));
    }

    @Test
    void verifierFailures() {
        assertEquals("codeVerifier is required for PKCE",
                assertThrows(ApiException.class, () -> Pkce.verify(CHALLENGE, null)).getMessage());
        assertThrows(ApiException.class, () -> Pkce.verify(CHALLENGE, "a".repeat(42)));
        assertThrows(ApiException.class, () -> Pkce.verify(CHALLENGE, "a".repeat(129)));
        assertThrows(ApiException.class, () -> Pkce.verify(CHALLENGE, VERIFIER.replace('d', 'e')));
        assertDoesNotThrow(() -> Pkce.verify(null, "anything"));
    }

    @Test
    void expiresInHasOneNumberAndOneUnit() {
        assertEquals(Duration.ofSeconds(30), Durations.parseExpiresIn("30s"));
        assertEquals(Duration.ofMinutes(90), Durations.parseExpiresIn("90m"));
        assertEquals(Duration.ofHours(24), Durations.parseExpiresIn("24h"));
        assertEquals(Duration.ofDays(7), Durations.parseExpiresIn("7d"));
        assertEquals(Duration.ofDays(36_500), Durations.parseExpiresIn("36500d"));
        for (String bad : new String[] {"1h30m", "1.5h", "PT1H", "0h", "h", "", "24", "-1h", "1H", "9999999999d", "36501d"}) {
            assertThrows(ApiException.class, () -> Durations.parseExpiresIn(bad), bad);
        }
        assertEquals("8 hours", ConsentPage.lifetime("8h"));
        assertEquals("1 day", ConsentPage.lifetime("1d"));
    }
}
