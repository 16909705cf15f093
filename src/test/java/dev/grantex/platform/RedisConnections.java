package dev.grantex.platform;

import java.util.Optional;

/** Builds a RedisConnection outside CDI, for unit tests of its users. */
public final class RedisConnections {
    private RedisConnections() {
    }

    public static RedisConnection to(String url) {
        RedisConnection connection = new RedisConnection();
        connection.redisUrl = Optional.of(url);
        return connection;
    }
}
