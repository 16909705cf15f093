package dev.grantex.platform;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.interceptor.Interceptor;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.SafeEncoder;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The shared Redis client when GRANTEX_REDIS_URL is set. Without it the server keeps the same state
 * in-process, which is right for a single node.
 * <p>It also knows whether Redis is answering: its users report failures, after which
 * {@link #available()} is false, so requests do not each wait for a timeout, except for one probe
 * per second, which finds Redis again when it is back.
 */
@ApplicationScoped
public class RedisConnection {
    private static final int TIMEOUT_MILLIS = 2000;
    private static final long RETRY_MILLIS = 1000;
    private static final Logger LOG = Logger.getLogger(RedisConnection.class.getName());

    @Inject
    @ConfigProperty(name = "grantex.redis.url")
    Optional<String> redisUrl;

    private volatile JedisPooled client;
    /** 0 while Redis answers; otherwise when it stopped answering (epoch milliseconds). */
    private volatile long downSince;
    private final AtomicLong nextProbeAt = new AtomicLong();

    void checkAtStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Startup startup) {
        if (configured()) {
            try {
                URI uri = URI.create(redisUrl.orElseThrow().trim());
                if (!("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalArgumentException("scheme or host");
                }
                databaseOf(uri);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("GRANTEX_REDIS_URL must look like redis://[user:password@]host:port[/db]");
            }
            warnIfRedisMayEvict();
        }
    }

    /** An evicted revocation key would go unnoticed, so Redis must keep every key until it expires. */
    private void warnIfRedisMayEvict() {
        try {
            Object reply = client().sendCommand(Protocol.Command.CONFIG, "GET", "maxmemory-policy");
            List<?> pair = reply instanceof List<?> list ? list : List.of();
            String value = pair.size() == 2 ? SafeEncoder.encode((byte[]) pair.get(1)) : "noeviction";
            if (!"noeviction".equals(value)) {
                LOG.warning("Redis maxmemory-policy is " + value + "; set it to noeviction, or revoked tokens "
                        + "whose keys Redis evicts would verify from a cache that has lost them");
            }
        } catch (JedisException e) {
            LOG.info("Could not read Redis's maxmemory-policy (CONFIG may be disabled); it must be noeviction");
        }
    }

    /**
     * Whether to try Redis now: true while it answers; while it does not, true for one caller a
     * second, whose success or failure is the probe.
     */
    public boolean available() {
        if (downSince == 0) {
            return true;
        }
        long now = System.currentTimeMillis();
        long probeAt = nextProbeAt.get();
        return now >= probeAt && nextProbeAt.compareAndSet(probeAt, now + RETRY_MILLIS);
    }

    /** Whether Redis answered the last time it was asked. */
    public boolean answering() {
        return downSince == 0;
    }

    /** Whether a configured Redis is away, so that rate limits count per node (health and the gauge report it). */
    public boolean away() {
        return configured() && !answering();
    }

    /** Redis did not answer: until it does again, {@link #available()} lets one probe through a second. */
    public void failed(RuntimeException error) {
        long now = System.currentTimeMillis();
        nextProbeAt.set(now + RETRY_MILLIS);
        if (downSince == 0) {
            downSince = now;
            LOG.warning("Redis is not answering (" + error + "); rate limits count per node and token "
                    + "verification reads revocations from the database until it answers again");
        }
    }

    /** Redis answered. */
    public void answered() {
        long since = downSince;
        if (since != 0) {
            downSince = 0;
            LOG.info("Redis answers again after " + (System.currentTimeMillis() - since) / 1000
                    + " s; rate limits are shared by all nodes again");
        }
    }

    public boolean configured() {
        return redisUrl.filter(url -> !url.isBlank()).isPresent();
    }

    /** The pooled client; only call when {@link #configured()}. */
    public JedisPooled client() {
        JedisPooled current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = connect(URI.create(redisUrl.orElseThrow().trim()));
                }
                current = client;
            }
        }
        return current;
    }

    private static JedisPooled connect(URI uri) {
        return new JedisPooled(hostAndPort(uri), clientConfig(uri, TIMEOUT_MILLIS));
    }

    /**
     * A connection of its own, outside the pool, for a subscriber that blocks on it: reads wait for
     * up to {@code readTimeoutMillis} (0 for ever), so its owner checks liveness with pings.
     */
    public Jedis dedicatedConnection(int readTimeoutMillis) {
        URI uri = URI.create(redisUrl.orElseThrow().trim());
        return new Jedis(hostAndPort(uri), clientConfig(uri, readTimeoutMillis));
    }

    private static HostAndPort hostAndPort(URI uri) {
        return new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
    }

    private static JedisClientConfig clientConfig(URI uri, int readTimeoutMillis) {
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS)
                .socketTimeoutMillis(readTimeoutMillis)
                .ssl("rediss".equals(uri.getScheme()))
                .user(userOf(uri))
                .password(passwordOf(uri))
                .database(databaseOf(uri))
                .build();
    }

    private static String userOf(URI uri) {
        String info = uri.getUserInfo();
        if (info == null || !info.contains(":")) {
            return null;
        }
        String user = info.substring(0, info.indexOf(':'));
        return user.isEmpty() ? null : user;
    }

    private static String passwordOf(URI uri) {
        String info = uri.getUserInfo();
        if (info == null) {
            return null;
        }
        return info.contains(":") ? info.substring(info.indexOf(':') + 1) : info;
    }

    private static int databaseOf(URI uri) {
        String path = uri.getPath();
        return path == null || path.length() <= 1 ? 0 : Integer.parseInt(path.substring(1));
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
