package dev.grantex.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.grantex.authorization.AuthorizationPolicy.Action;
import dev.grantex.authorization.AuthorizationPolicy.Decision;
import dev.grantex.authorization.AuthorizationPolicy.Question;
import dev.grantex.authorization.AuthorizationPolicy.Verdict;
import dev.grantex.platform.json.Jsonp;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OPA backend against a stub OPA: no OPA server can be installed here, so a small HTTP server in
 * the test answers {@code POST /v1/data/grantex/authz} in the format of OPA's REST data API, and
 * records what it was asked. Then the engine's failure rule: deny, or the built-in policies when the
 * fallback is configured.
 */
class OpaAgainstStubOpaServerTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:15:00Z");
    private static final Question AUTHORIZE = Question.authorize("dev_1", "ag_1", "alice", List.of("read", "write"));

    private HttpServer opa;
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<JsonObject> asked = new AtomicReference<>();

    @BeforeEach
    void startStubOpa() throws IOException {
        opa = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        opa.createContext("/v1/data/grantex/authz", exchange -> {
            asked.set(Jsonp.strictObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            try {
                Thread.sleep(delay.get().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        opa.start();
    }

    @AfterEach
    void stopStubOpa() {
        opa.stop(0);
    }

    private OpaClient client() {
        return new OpaClient("http://127.0.0.1:" + opa.getAddress().getPort() + "/", Duration.ofMillis(500));
    }

    @Test
    void allowAndDenyDecideWithOpasReason() {
        answer.set("{\"result\":{\"allow\":true}}");
        assertEquals(Optional.of(new Verdict(Decision.ALLOW, "opa", "opa:/v1/data/grantex/authz", null)),
                client().decide(AUTHORIZE, NOW));
        JsonObject input = asked.get().getJsonObject("input");
        assertEquals("ag_1", input.getString("agent_id"));
        assertEquals("alice", input.getString("principal_id"));
        assertEquals(List.of("read", "write"), input.getJsonArray("scopes").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals("dev_1", input.getString("developer_id"));
        assertEquals("authorize", input.getString("action"));
        assertEquals("2026-12-04T10:15:00Z", input.getString("time"));
        assertTrue(!input.containsKey("grant"));

        answer.set("{\"result\":{\"allow\":false,\"reason\":\"payments need a human\"},\"decision_id\":\"d1\"}");
        Verdict denied = client().decide(AUTHORIZE, NOW).orElseThrow();
        assertEquals(Decision.DENY, denied.decision());
        assertEquals("payments need a human", denied.reason());
    }

    @Test
    void aDelegationCarriesTheGrant() {
        answer.set("{\"result\":{\"allow\":true}}");
        client().decide(new Question("dev_1", Action.DELEGATE, "ag_sub", "alice", List.of("read"), 2, "grnt_9"), NOW);
        JsonObject input = asked.get().getJsonObject("input");
        assertEquals("delegate", input.getString("action"));
        assertEquals("grnt_9", input.getJsonObject("grant").getString("parent_grant_id"));
        assertEquals(2, input.getJsonObject("grant").getInt("delegation_depth"));
    }

    @Test
    void noResultOrNoAllowIsNoDecision() {
        for (String body : List.of("{}", "{\"result\":{}}", "{\"result\":true}", "{\"result\":{\"allow\":\"yes\"}}")) {
            answer.set(body);
            assertEquals(Optional.empty(), client().decide(AUTHORIZE, NOW), body);
        }
    }

    @Test
    void errorsNonsenseAndTimeoutsAreFailures() {
        answer.set("{\"code\":\"internal_error\"}");
        status.set(500);
        assertTrue(assertThrows(PolicyBackendFailure.class, () -> client().decide(AUTHORIZE, NOW))
                .getMessage().contains("HTTP 500"));
        status.set(200);
        answer.set("<html>");
        assertThrows(PolicyBackendFailure.class, () -> client().decide(AUTHORIZE, NOW));
        answer.set("{\"result\":{\"allow\":true}}");
        delay.set(Duration.ofMillis(1500));
        assertTrue(assertThrows(PolicyBackendFailure.class, () -> client().decide(AUTHORIZE, NOW))
                .getMessage().contains("did not answer within 500 ms"));
        opa.stop(0);
        assertTrue(assertThrows(PolicyBackendFailure.class, () -> client().decide(AUTHORIZE, NOW))
                .getMessage().startsWith("OPA could not be reached"));
    }

    @Test
    void aFailingOpaDeniesUnlessTheBuiltInPoliciesAreTheFallback() {
        status.set(503);
        answer.set("{}");
        PolicyEngine denying = engine(false);
        Verdict denied = denying.decide(AUTHORIZE).orElseThrow();
        assertEquals(Decision.DENY, denied.decision());
        assertEquals("opa", denied.engine());
        assertEquals("OPA answered HTTP 503", denied.reason());

        PolicyEngine fallingBack = engine(true);
        Verdict builtIn = fallingBack.decide(AUTHORIZE).orElseThrow();
        assertEquals(new Verdict(Decision.ALLOW, "builtin", "pol_reads", null), builtIn);
        assertEquals(Optional.empty(), fallingBack.decide(Question.authorize("dev_1", "ag_1", "alice", List.of("pay"))));

        status.set(200);
        answer.set("{\"result\":{\"allow\":false}}");
        assertEquals(Decision.DENY, fallingBack.decide(AUTHORIZE).orElseThrow().decision());
    }

    /** The engine with the OPA backend and, as the built-in policies, one allow policy held in memory. */
    private PolicyEngine engine(boolean fallback) {
        BuiltInPolicies builtIn = new BuiltInPolicies();
        builtIn.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        builtIn.policies = new InMemoryPolicyService(List.of(new Policy("pol_reads", "dev_1",
                PolicyFields.create(Jsonp.strictObject("{\"name\":\"reads\",\"effect\":\"allow\",\"scopes\":[\"read\",\"write\"]}")),
                NOW)));
        builtIn.init();
        PolicyEngine engine = new PolicyEngine();
        engine.backendName = "opa";
        engine.fallbackToBuiltIn = fallback;
        engine.opaUrl = Optional.of("http://127.0.0.1:" + opa.getAddress().getPort());
        engine.opaTimeoutMillis = 500;
        engine.builtIn = builtIn;
        engine.clock = builtIn.clock;
        engine.init();
        return engine;
    }

    /** The developer's policies held in memory instead of the database, for the engine alone. */
    private static final class InMemoryPolicyService extends PolicyService {
        private final List<Policy> held;

        InMemoryPolicyService(List<Policy> held) {
            this.held = held;
        }

        @Override
        public List<Policy> list(String developerId) {
            return held.stream().filter(p -> p.developerId().equals(developerId)).toList();
        }
    }
}
