package dev.grantex.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.authorization.AuthorizationPolicy.Action;
import dev.grantex.authorization.AuthorizationPolicy.Decision;
import dev.grantex.authorization.AuthorizationPolicy.Question;
import dev.grantex.authorization.AuthorizationPolicy.Verdict;
import dev.grantex.platform.errors.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cedar evaluated in-process by cedar-java: the request and context shape, slicing and the verdicts. */
class CedarBundleTest {
    private static final Instant TUESDAY_NIGHT = Instant.parse("2026-12-01T23:30:00Z");

    private static Optional<Verdict> decide(String policies, Question question) {
        return CedarBundle.compile("pbnd_1", "v7", policies).decide(question, TUESDAY_NIGHT);
    }

    private static Question authorize(String agent, String principal, String... scopes) {
        return Question.authorize("dev_1", agent, principal, List.of(scopes));
    }

    @Test
    void permitAllowsForbidDeniesAndNoApplicablePolicyLeavesItToConsent() {
        String policies = """
                @id("ag_a may read")
                permit(principal == Grantex::Agent::"ag_a", action == Grantex::Action::"authorize", resource == Grantex::Grant::"pending")
                  when { context.scopes.contains("read") && context.developerId == "dev_1" };
                forbid(principal == Grantex::Agent::"ag_b", action, resource);
                """;
        Verdict allowed = decide(policies, authorize("ag_a", "alice", "read")).orElseThrow();
        assertEquals(new Verdict(Decision.ALLOW, "cedar", "pbnd_1@v7", "ag_a may read"), allowed);
        Verdict denied = decide(policies, authorize("ag_b", "alice", "read")).orElseThrow();
        assertEquals(Decision.DENY, denied.decision());
        assertEquals("policy1", denied.reason());
        assertEquals(Optional.empty(), decide(policies, authorize("ag_c", "alice", "read")));
        assertEquals(Optional.empty(), decide(policies, authorize("ag_a", "alice", "write")));
    }

    @Test
    void policiesForNoSingleAgentApplyToEveryAgentAndThoseForAnotherTypeToNone() {
        String policies = """
                forbid(principal is Grantex::Agent, action, resource) when { context.principalId == "mallory" };
                forbid(principal in Grantex::Team::"ops", action, resource) when { context.principalId == "trent" };
                permit(principal == Grantex::User::"ag_a", action, resource);
                permit(principal == Grantex::Agent::"ag_a", action, resource);
                """;
        assertEquals(Decision.DENY, decide(policies, authorize("ag_a", "mallory", "read")).orElseThrow().decision());
        assertEquals(Decision.DENY, decide(policies, authorize("ag_z", "mallory", "read")).orElseThrow().decision());
        assertEquals(Decision.ALLOW, decide(policies, authorize("ag_a", "alice", "read")).orElseThrow().decision());
        assertEquals("policy3", decide(policies, authorize("ag_a", "alice", "read")).orElseThrow().reason());
        // No entities are given, so no agent is "in" a team: that policy never applies.
        assertEquals(Optional.empty(), decide(policies, authorize("ag_z", "trent", "read")));
    }

    @Test
    void theContextCarriesTimeAndDelegation() {
        String policies = """
                forbid(principal, action == Grantex::Action::"authorize", resource)
                  when { context.hourUtc >= 22 && context.weekdayUtc == 2 && context.time == "2026-12-01T23:30:00Z" };
                forbid(principal, action == Grantex::Action::"delegate", resource)
                  when { context.delegationDepth > 2 || context.parentGrantId == "grnt_bad" };
                """;
        assertEquals(Decision.DENY, decide(policies, authorize("ag_a", "alice", "read")).orElseThrow().decision());
        Question shallow = new Question("dev_1", Action.DELEGATE, "ag_s", "alice", List.of("read"), 2, "grnt_ok");
        assertEquals(Optional.empty(), decide(policies, shallow));
        Question deep = new Question("dev_1", Action.DELEGATE, "ag_s", "alice", List.of("read"), 3, "grnt_ok");
        assertEquals(Decision.DENY, decide(policies, deep).orElseThrow().decision());
        Question fromBad = new Question("dev_1", Action.DELEGATE, "ag_s", "alice", List.of("read"), 1, "grnt_bad");
        assertEquals(Decision.DENY, decide(policies, fromBad).orElseThrow().decision());
    }

    @Test
    void severalDeterminingPoliciesAreNamedInOrder() {
        String policies = """
                @id("b")
                forbid(principal, action, resource);
                @id("a")
                forbid(principal == Grantex::Agent::"ag_a", action, resource);
                """;
        assertEquals("a, b", decide(policies, authorize("ag_a", "alice", "read")).orElseThrow().reason());
    }

    @Test
    void textThatDoesNotParseIsA400WithTheParsersMessage() {
        ApiException refused = assertThrows(ApiException.class, () -> CedarBundle.parse("permit(principal, action resource);"));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().startsWith("The Cedar policies do not parse: "), refused.getMessage());
        assertTrue(refused.getMessage().contains("unexpected token"), refused.getMessage());
    }

    @Test
    void anEmptyBundleDecidesNothing() {
        assertEquals(Optional.empty(), decide("", authorize("ag_a", "alice", "read")));
    }
}
