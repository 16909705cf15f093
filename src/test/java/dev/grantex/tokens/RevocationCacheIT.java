package dev.grantex.tokens;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.grantex.it.Flows;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * The Redis revocation cache, when the server runs with GRANTEX_REDIS_URL (CI's PostgreSQL and
 * Redis run): revocations land in Redis, and losing Redis's contents never makes a revoked token valid.
 */
class RevocationCacheIT {
    private static final String PRIMED = "grantex:revocations:primed";
    private static JedisPooled redis;

    private final TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
    private final String agentId = Flows.createAgent(developer, List.of("read", "write"));

    @BeforeAll
    static void connect() {
        String url = System.getenv("GRANTEX_REDIS_URL");
        assumeTrue(url != null, "the server runs without Redis; the database answers every verification");
        redis = new JedisPooled(URI.create(url));
    }

    @AfterAll
    static void disconnect() {
        if (redis != null) {
            redis.close();
        }
    }

    /** Verifies a genuine token until the cache has rebuilt itself (only such a check consults it). */
    private void awaitPrimed() throws InterruptedException {
        String probe = Flows.grant(developer, agentId, List.of("read")).grantToken();
        for (int i = 0; i < 100 && !redis.exists(PRIMED); i++) {
            Flows.valid(developer, probe);
            Thread.sleep(100);
        }
        assertTrue(redis.exists(PRIMED), "the cache primes itself");
    }

    @Test
    void revokedGrantsStayRevokedWhenRedisIsEmptied() throws InterruptedException {
        Flows.Issued parent = Flows.grant(developer, agentId, List.of("read"));
        Flows.Issued child = Flows.delegate(developer, parent.grantToken(), agentId, List.of("read"));
        Flows.Issued untouched = Flows.grant(developer, agentId, List.of("read"));
        awaitPrimed();

        developer.api().delete("/v1/grants/" + parent.grantId()).expect(204);
        assertTrue(redis.exists("revoked:grant:" + parent.grantId()));
        assertTrue(redis.exists("revoked:grant:" + child.grantId()));
        assertFalse(Flows.valid(developer, parent.grantToken()));
        assertFalse(Flows.valid(developer, child.grantToken()));

        redis.flushDB();
        assertFalse(Flows.valid(developer, parent.grantToken()), "the database answers while Redis is unprimed");
        assertFalse(Flows.valid(developer, child.grantToken()));
        assertTrue(Flows.valid(developer, untouched.grantToken()));

        awaitPrimed();
        assertTrue(redis.exists("revoked:grant:" + child.grantId()), "re-primed from the database");
        assertFalse(Flows.valid(developer, child.grantToken()));
        assertTrue(Flows.valid(developer, untouched.grantToken()));
    }

    @Test
    void aDeletedAgentsTokensStayInvalidAfterRedisIsEmptied() throws InterruptedException {
        String doomed = Flows.createAgent(developer, List.of("read"));
        Flows.Issued issued = Flows.grant(developer, doomed, List.of("read"));
        developer.api().delete("/v1/agents/" + doomed).expect(204);
        assertFalse(Flows.valid(developer, issued.grantToken()));
        redis.flushDB();
        awaitPrimed();
        assertTrue(redis.exists("revoked:grant:" + issued.grantId()), "rebuilt from the tombstone");
        assertFalse(Flows.valid(developer, issued.grantToken()));
    }

    @Test
    void aRevokedTokenIsCachedWithItsLifetime() throws InterruptedException {
        awaitPrimed();
        Flows.Issued issued = Flows.grant(developer, agentId, List.of("read"));
        String jti = issued.claims().getString("jti");
        developer.api().post("/v1/tokens/revoke", Json.createObjectBuilder().add("jti", jti).build().toString()).expect(204);
        assertTrue(redis.exists("revoked:tok:" + jti));
        long ttl = redis.pttl("revoked:tok:" + jti);
        assertTrue(ttl > 0 && ttl <= 24L * 3600 * 1000, "expires with the token: " + ttl);
        assertFalse(Flows.valid(developer, issued.grantToken()));
    }
}
