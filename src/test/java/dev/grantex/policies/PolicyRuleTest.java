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
import java.util.Arrays;
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
        assertTrue(deny.matches("ag", "p", List.of("payments:initiate"), 0, 0));
        assertTrue(deny.matches("ag", "p", List.of("calendar:read", "payments:initiate"), 0, 0));
        assertFalse(deny.matches("ag", "p", List.of("calendar:read"), 0, 0));
    }

    @Test
    void anAllowMatchesOnlyWhenItListsEveryRequestedScope() {
        PolicyRule allow = rule("{\"name\":\"n\",\"effect\":\"allow\",\"scopes\":[\"read\",\"write\"]}");
        assertTrue(allow.matches("ag", "p", List.of("read"), 0, 0));
        assertTrue(allow.matches("ag", "p", List.of("read", "write"), 0, 0));
        assertFalse(allow.matches("ag", "p", List.of("read", "admin"), 0, 0));
    }

    @Test
    void agentAndPrincipalMustBeEqualWhenSetAndMatchAnyoneWhenNot() {
        PolicyRule any = rule("{\"name\":\"n\",\"effect\":\"allow\"}");
        assertTrue(any.matches("whoever", "anyone", List.of("x"), 0, 0));
        PolicyRule agent = rule("{\"name\":\"n\",\"effect\":\"allow\",\"agentId\":\"ag_1\",\"principalId\":\"alice\"}");
        assertTrue(agent.matches("ag_1", "alice", List.of("x"), 0, 0));
        assertFalse(agent.matches("ag_2", "alice", List.of("x"), 0, 0));
        assertFalse(agent.matches("ag_1", "bob", List.of("x"), 0, 0));
    }

    @Test
    void aWindowIncludesItsStartAndExcludesItsEnd() {
        PolicyRule office = rule("{\"name\":\"n\",\"effect\":\"allow\",\"timeOfDayStart\":\"09:00\",\"timeOfDayEnd\":\"17:30\"}");
        assertFalse(office.matches("a", "p", List.of("x"), minute("08:59"), 3));
        assertTrue(office.matches("a", "p", List.of("x"), minute("09:00"), 3));
        assertTrue(office.matches("a", "p", List.of("x"), minute("17:29"), 3));
        assertFalse(office.matches("a", "p", List.of("x"), minute("17:30"), 3));
    }

    @Test
    void aWindowWhoseEndComesBeforeItsStartWrapsMidnight() {
        PolicyRule night = rule("{\"name\":\"n\",\"effect\":\"deny\",\"timeOfDayStart\":\"22:00\",\"timeOfDayEnd\":\"06:00\"}");
        assertTrue(night.matches("a", "p", List.of("x"), minute("22:00"), 3));
        assertTrue(night.matches("a", "p", List.of("x"), minute("23:59"), 3));
        assertTrue(night.matches("a", "p", List.of("x"), minute("00:00"), 3));
        assertTrue(night.matches("a", "p", List.of("x"), minute("05:59"), 3));
        assertFalse(night.matches("a", "p", List.of("x"), minute("06:00"), 3));
        assertFalse(night.matches("a", "p", List.of("x"), minute("21:59"), 3));
        assertFalse(night.matches("a", "p", List.of("x"), minute("12:00"), 3));
    }

    @Test
    void daysLimitTheWindowToWeekdaysAndAWrappingWindowBelongsToTheDayItBegan() {
        PolicyRule fridayNight = rule("{\"name\":\"n\",\"effect\":\"deny\",\"timeOfDayStart\":\"22:00\","
                + "\"timeOfDayEnd\":\"06:00\",\"days\":[5]}");
        assertTrue(fridayNight.matches("a", "p", List.of("x"), minute("23:00"), 5));
        assertTrue(fridayNight.matches("a", "p", List.of("x"), minute("02:00"), 6), "early Saturday continues Friday's");
        assertFalse(fridayNight.matches("a", "p", List.of("x"), minute("02:00"), 5), "early Friday continues Thursday's");
        assertFalse(fridayNight.matches("a", "p", List.of("x"), minute("23:00"), 6));
        PolicyRule weekends = rule("{\"name\":\"n\",\"effect\":\"allow\",\"days\":[6,0,6]}");
        assertTrue(weekends.matches("a", "p", List.of("x"), minute("12:00"), 0));
        assertTrue(weekends.matches("a", "p", List.of("x"), minute("12:00"), 6));
        assertFalse(weekends.matches("a", "p", List.of("x"), minute("12:00"), 1));
    }

    @Test
    void theSpecificationsFormReadsAsTheContractsForm() {
        PolicyFields spec = PolicyFields.create(parse("{\"name\":\"n\",\"effect\":\"auto_deny\",\"priority\":3,"
                + "\"conditions\":{\"agentId\":\"ag_1\",\"scopes\":[\"payments:initiate\"],"
                + "\"timeWindow\":{\"startHour\":22,\"endHour\":6,\"days\":[1,2,3,4,5]}}}"));
        assertEquals(new PolicyFields("n", "deny", 3, "ag_1", null, List.of("payments:initiate"), "22:00", "06:00",
                List.of(1, 2, 3, 4, 5)), spec);
        assertEquals("allow", PolicyFields.create(parse("{\"name\":\"n\",\"effect\":\"auto_approve\"}")).effect());
        PolicyFields untilMidnight = PolicyFields.create(parse("{\"name\":\"n\",\"effect\":\"allow\","
                + "\"conditions\":{\"timeWindow\":{\"startHour\":9,\"endHour\":24}}}"));
        assertEquals(List.of("09:00", "00:00"), List.of(untilMidnight.timeOfDayStart(), untilMidnight.timeOfDayEnd()));
        PolicyFields allDay = PolicyFields.create(parse("{\"name\":\"n\",\"effect\":\"allow\","
                + "\"conditions\":{\"timeWindow\":{\"startHour\":0,\"endHour\":24,\"days\":[0]}}}"));
        assertEquals(Arrays.asList(null, null, List.of(0)), Arrays.asList(allDay.timeOfDayStart(), allDay.timeOfDayEnd(), allDay.days()));

        PolicyFields changed = spec.changedBy(parse("{\"conditions\":{\"principalId\":\"alice\"}}"));
        assertEquals(new PolicyFields("n", "deny", 3, null, "alice", null, null, null, null), changed,
                "conditions state all of a policy's conditions");
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
                "{\"name\":\"n\",\"effect\":\"allow\",\"timeOfDayStart\":\"10:00\",\"timeOfDayEnd\":\"10:00\"}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"days\":[]}", "{\"name\":\"n\",\"effect\":\"allow\",\"days\":[7]}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"days\":[\"mon\"]}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"conditions\":[]}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"conditions\":{},\"scopes\":[\"read\"]}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"conditions\":{\"timeWindow\":{\"startHour\":9}}}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"conditions\":{\"timeWindow\":{\"startHour\":24,\"endHour\":2}}}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"conditions\":{\"timeWindow\":{\"startHour\":5,\"endHour\":5}}}",
                "{\"name\":\"n\",\"effect\":\"allow\",\"conditions\":{\"timeWindow\":\"9-17\"}}",
                "{\"name\":\"n\",\"effect\":\"auto_allow\"}")) {
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
        assertEquals(new PolicyFields("n", "deny", 5, null, null, List.of("read"), null, null, null), after);
        assertThrows(ApiException.class, () -> before.changedBy(parse("{\"timeOfDayEnd\":null}")));
    }
}
