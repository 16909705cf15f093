package dev.grantex.events;

import dev.grantex.platform.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The per-developer limit on concurrent stream connections of one kind (sse, ws), across every node.
 * With Redis each connection is a member of the sorted set {@code <kind>:connections:<developer>},
 * scored by when it lapses unless its node renews it, so connections of a node that died stop
 * counting. Without Redis, or while it is away, each node counts its own.
 */
@ApplicationScoped
public class StreamSlots {
    private static final String ACQUIRE = String.join("\n",
            "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])",
            "if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end",
            "redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])",
            "redis.call('PEXPIRE', KEYS[1], ARGV[5])",
            "return 1");
    /** The set's expiry moves with every renewal: set only at acquire, it dropped live connections' slots. */
    private static final String RENEW = String.join("\n",
            "redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])",
            "redis.call('PEXPIRE', KEYS[1], ARGV[3])",
            "return 1");

    @Inject
    RedisConnection redis;

    @Inject
    StreamSettings settings;

    private final Map<String, Set<String>> local = new ConcurrentHashMap<>();

    /** Takes a slot for the connection; false when the developer already has the maximum. */
    public boolean acquire(String kind, String developerId, String connectionId) {
        if (redis.configured() && redis.available()) {
            try {
                long now = System.currentTimeMillis();
                Object taken = redis.client().eval(ACQUIRE, List.of(key(kind, developerId)), List.of(
                        Long.toString(now), Long.toString(now + lapseMillis()),
                        Integer.toString(settings.maxConnections()), connectionId, Long.toString(lapseMillis())));
                redis.answered();
                return Long.valueOf(1).equals(taken);
            } catch (JedisException e) {
                redis.failed(e);
            }
        }
        Set<String> mine = local.computeIfAbsent(kind + ":" + developerId, k -> ConcurrentHashMap.newKeySet());
        synchronized (mine) {
            if (mine.size() >= settings.maxConnections()) {
                return false;
            }
            mine.add(connectionId);
            return true;
        }
    }

    /** Renews a live connection's slot (called with every keep-alive). */
    void renew(String kind, String developerId, String connectionId) {
        if (redis.configured() && redis.available()) {
            try {
                redis.client().eval(RENEW, List.of(key(kind, developerId)), List.of(
                        Long.toString(System.currentTimeMillis() + lapseMillis()), connectionId, Long.toString(lapseMillis())));
                redis.answered();
            } catch (JedisException e) {
                redis.failed(e);
            }
        }
    }

    public void release(String kind, String developerId, String connectionId) {
        Set<String> mine = local.get(kind + ":" + developerId);
        if (mine != null) {
            synchronized (mine) {
                mine.remove(connectionId);
            }
        }
        if (redis.configured() && redis.available()) {
            try {
                redis.client().zrem(key(kind, developerId), connectionId);
                redis.answered();
            } catch (JedisException e) {
                redis.failed(e);
            }
        }
    }

    /** Three keep-alive periods: a live connection is renewed well before its slot lapses. */
    private long lapseMillis() {
        return 3L * settings.keepAliveSeconds() * 1000;
    }

    private static String key(String kind, String developerId) {
        return kind + ":connections:" + developerId;
    }
}
