package dev.grantex.platform.ratelimit;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RateLimitIT {
    private static int intHeader(Reply reply, String name) {
        return Integer.parseInt(reply.header(name).orElseThrow(() -> new AssertionError("missing " + name)));
    }

    @Test
    void authenticatedResponsesCarryThePlanHeaders() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        Reply first = developer.api().get("/v1/agents").expect(200);
        Reply second = developer.api().get("/v1/agents").expect(200);
        int enterprise = Integer.parseInt(dev.grantex.it.ItServer.env("GRANTEX_RATE_LIMITS_PLAN_ENTERPRISE"));
        assertEquals(enterprise, intHeader(first, "X-RateLimit-Limit"));
        assertEquals(intHeader(first, "X-RateLimit-Remaining") - 1, intHeader(second, "X-RateLimit-Remaining"),
                "unless a minute boundary fell between the two calls");
        int reset = intHeader(first, "X-RateLimit-Reset");
        assertTrue(reset >= 1 && reset <= 60, "reset is seconds remaining: " + reset);
        Reply notFound = developer.api().get("/v1/agents/missing");
        assertEquals(404, notFound.status());
        assertEquals(enterprise, intHeader(notFound, "X-RateLimit-Limit"));
    }

    @Test
    void planLimitsFollowThePlan() {
        assertEquals(100, intHeader(TestDeveloper.create("free").api().get("/v1/me").expect(200), "X-RateLimit-Limit"));
        assertEquals(500, intHeader(TestDeveloper.create("pro").api().get("/v1/me").expect(200), "X-RateLimit-Limit"));
    }

    @Test
    void exceedingThePlanGives429WithRetryInSeconds() {
        TestDeveloper free = TestDeveloper.create("free");
        Reply limited = null;
        // 100 per minute; if a window ends part-way the next one fills within another 100 calls.
        for (int i = 0; i < 250 && limited == null; i++) {
            Reply reply = free.api().get("/v1/agents");
            if (reply.status() == 429) {
                limited = reply;
            }
        }
        assertTrue(limited != null, "no 429 after 250 calls");
        String message = assertError(limited, 429, "RATE_LIMIT_EXCEEDED").getString("message");
        Matcher retry = Pattern.compile("retry in (\\d+) seconds").matcher(message);
        assertTrue(retry.find(), message);
        int seconds = Integer.parseInt(retry.group(1));
        assertTrue(seconds >= 1 && seconds <= 60);
        assertEquals(seconds, intHeader(limited, "Retry-After"));
        assertEquals(seconds, intHeader(limited, "X-RateLimit-Reset"));
        assertEquals(0, intHeader(limited, "X-RateLimit-Remaining"));
        assertEquals(100, intHeader(limited, "X-RateLimit-Limit"));

        Reply otherDeveloper = TestDeveloper.create("free").api().get("/v1/agents");
        assertEquals(200, otherDeveloper.status(), "buckets are per developer");
    }

    @Test
    void unauthenticatedRequestsCountPerAddressNotAgainstAPlan() {
        Reply reply = Api.anonymous().get("/v1/agents");
        assertEquals(401, reply.status());
        assertEquals(dev.grantex.it.ItServer.env("GRANTEX_RATE_LIMITS_IP_DEFAULT"),
                reply.header("X-RateLimit-Limit").orElseThrow());
    }

    @Test
    void publicRoutesCountAgainstTheDefaultPerAddressLimit() {
        String configured = dev.grantex.it.ItServer.env("GRANTEX_RATE_LIMITS_IP_DEFAULT");
        assertEquals(configured, Api.anonymous().get("/health").header("X-RateLimit-Limit").orElseThrow());
        assertEquals(configured, Api.anonymous().get("/.well-known/did.json").header("X-RateLimit-Limit").orElseThrow());
        assertTrue(Api.anonymous().get("/.well-known/jwks.json").header("X-RateLimit-Limit").isEmpty());
    }

    @Test
    void signupCarriesThePerIpLimit() {
        Reply reply = Api.anonymous().post("/v1/signup", "{\"name\":\"ip-limited\"}").expect(201);
        assertEquals(Integer.parseInt(dev.grantex.it.ItServer.env("GRANTEX_RATE_LIMITS_IP_SIGNUP")),
                intHeader(reply, "X-RateLimit-Limit"), "signup's own bucket, not the default one");
    }
}
