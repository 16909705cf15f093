package dev.grantex.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.authorization.AuthorizationPolicy.Decision;
import dev.grantex.platform.errors.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a built-in policy matches a request (contract §7.3), and the checks of its fields. */
class PolicyRuleTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static PolicyRule rule(String json) {
        return PolicyRule.of(new Policy("pol_1", "dev_1", PolicyFields.create(parse(json)), NOW));
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new java.io.StringReader(json)).readObject();
    }

    private static int minute(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3));
    }

    @Test
    void aDenyMatchesOnAnyOverlapSoAnExtraScopeCannotBypassIt() {
        PolicyRule deny = rule("{\"name\":\"n\",\"effect\":\"deny\",\"scopes\":[\"payments:initiate\"]}");
        assertEquals(Decision.DENY, deny.decision());
        assertTrue(deny.matches("ag", "p", List.of("payments:initiate"), 0));
        assertTrue(deny.matches("ag", "p", List.of("calendar:read", "payments:initiate"), 0));
        assertFalse(deny.matches("ag", "p", List.of("calendar:read"), 0));
    }

    @Test
    void anAllowMatchesOnlyWhenItListsEveryRequestedScope() {
        PolicyRule allow = rule("{\"name\":\"n\",\"effect\":\"allow\",\"scopes\":[\"read\",\"write\"]}");
        assertTrue(allow.matches("ag", "p", List.of("read"), 0));
        assertTrue(allow.matches("ag", "p", List.of("read", "write"), 0));
        assertFalse(allow.matches("ag", "p", List.of("read", "admin"), 0));
    }

    @Test
    void agentAndPrincipalMustBeEqualWhenSetAndMatchAnyoneWhenNot() {
        PolicyRule any = rule("{\"name\":\"n\",\"effect\":\"allow\"}");
        assertTrue(any.matches("whoever", "anyone", List.of("x"), 0));
        PolicyRule agent = rule("{\"name\":\"n\",\"effect\":\"allow\",\"agentId\":\"ag_1\",\"principalId\":\"alice\"}");
        assertTrue(agent.matches("ag_1", "alice", List.of("x"), 0));
        assertFalse(agent.matches("ag_2", "alice", List.of("x"), 0));
        assertFalse(agent.matches("ag_1", "bob", List.of("x"), 0));
    }

    @Test
    void aWindowIncludesItsStartAndExcludesItsEnd() {
        PolicyRule office = rule("{\"name\":\"n\",\"effect\":\"allow\",\"timeOfDayStart\":\"09:00\",\"timeOfDayEnd\":\"17:30\"}");
        assertFalse(office.matches("a", "p", List.of("x"), minute("08:59")));
        assertTrue(office.matches("a", "p", List.of("x"), minute("09:00")));
        assertTrue(office.matches("a", "p", List.of("x"), minute("17:29")));
        assertFalse(office.matches("a", "p", List.of("x"), minute("17:30")));
    }

    @Test
    void aWindowWhoseEndComesBeforeItsStartWrapsMidnight() {
        PolicyRule night = rule("{\"name\":\"n\",\"effect\":\"deny\",\"timeOfDayStart\":\"22:00\",\"timeOfDayEnd\":\"06:00\"}");
        assertTrue(night.matches("a", "p", List.of("x"), minute("22:00")));
        assertTrue(night.matches("a", "p", List.of("x"), minute("23:59")));
        assertTrue(night.matches("a", "p", List.of("x"), minute("00:00")));
        assertTrue(night.matches("a", "p", List.of("x"), minute("05:59")));
        assertFalse(night.matches("a", "p", List.of("x"), minute("06:00")));
        assertFalse(night.matches("a", "p", List.of("x"), minute("21:59")));
        assertFalse(night.matches("a", "p", List.of("x"), minute("12:00")));
    }

    @Test
    void badFieldsAre400() {
        for (String body : List.of("{}", "{\"name\":\"n\"}", "{\"effect\":\"allow\"}", "{\"name\":\" \",\"effect\":\"allow\"}",
                "{\"name\":\"n\",\"effect\":\"auto\"}", "{\"name\":\"n\",\"effect\":\"allow\",\"priority\":1.5}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"priority\":\"high\"}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"priority\":99999999999}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"scopes\":[]}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"scopes\":\"read\"}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"scopes\":[\"a b\"]}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"agentId\":\"\"}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"timeOfDayStart\":\"09:00\"}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"timeOfDayStart\":\"24:00\",\"timeOfDayEnd\":\"06:00\"}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"timeOfDayStart\":\"9:00\",\"timeOfDayEnd\":\"10:00\"}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"timeOfDayStart\":\"10:00\",\"timeOfDayEnd\":\"10:00\"}")) {
            ApiException refused = assertThrows(ApiException.class, () -> PolicyFields.create(parse(body)), body);
            assertEquals(400, refused.status(), body);
        }
    }

    @Test
    void aChangeKeepsWhatItLeavesOutAndClearsWhatItSetsToNull() {
        PolicyFields before = PolicyFields.create(parse("{\"name\":\"n\",\"effect\":\"allow\",\"priority\":5,"
                + "\"agentId\":\"ag_1\",\"scopes\":[\"read\"],\"timeOfDayStart\":\"09:00\",\"timeOfDayEnd\":\"17:00\"}"));
        PolicyFields after = before.changedBy(parse("{\"effect\":\"deny\",\"agentId\":null,\"timeOfDayStart\":null,"
                + "\"timeOfDayEnd\":null}"));
        assertEquals(new PolicyFields("n", "deny", 5, null, null, List.of("read"), null, null), after);
        assertThrows(ApiException.class, () -> before.changedBy(parse("{\"timeOfDayEnd\":null}")));
    }
}
