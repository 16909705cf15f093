package dev.grantex.platform;

import java.net.URI;
import java.util.Optional;
import redis.clients.jedis.JedisPooled;

/** Builds a RedisConnection outside CDI, for unit tests of its users, and reaches the local Redis they use. */
public final class RedisConnections {
    /** The local Redis of the unit tests that need a real one (database 13). */
    public static final String LIVE = "redis://127.0.0.1:6379/13";

    private RedisConnections() {
    }

    public static RedisConnection to(String url) {
        RedisConnection connection = new RedisConnection();
        connection.redisUrl = Optional.of(url);
        return connection;
    }

    /** A client of the local Redis of {@link #LIVE}. */
    public static JedisPooled live() {
        return new JedisPooled(URI.create(LIVE));
    }

    /**
     * Whether the local Redis answers, for assumeTrue; always true under CI, which starts Redis, so
     * that a missing one fails the test there instead of skipping it.
     */
    public static boolean liveRunning() {
        try (JedisPooled redis = live()) {
            redis.ping();
            return true;
        } catch (RuntimeException e) {
            return System.getenv("CI") != null;
        }
    }
}
