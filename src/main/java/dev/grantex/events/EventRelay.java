package dev.grantex.events;

import dev.grantex.platform.RedisConnection;
import dev.grantex.platform.json.Jsonp;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Carries committed events between nodes over Redis pub/sub, channel {@code grantex:events:<developer>}.
 * A message is this node's id, a newline and the envelope; each node skips its own messages, as it
 * has already delivered them. Without Redis (a single node) there is nothing to relay. While Redis
 * is away, stream clients see only the events committed on their own node; webhooks lose nothing,
 * as their deliveries are rows. The same subscription carries node signals (channel
 * {@code grantex:signals}): requests to every node to act at once, such as dropping a rotated API key.
 */
@ApplicationScoped
public class EventRelay {
    private static final Logger LOG = Logger.getLogger(EventRelay.class.getName());
    private static final String CHANNEL_PREFIX = "grantex:events:";
    private static final String SIGNALS = "grantex:signals";
    private static final long PING_SECONDS = 5;
    /** A subscription that has not answered a ping for this long is taken down and made again. */
    private static final long SILENCE_MILLIS = 3 * PING_SECONDS * 1000;

    private final String nodeId = UUID.randomUUID().toString();

    @Inject
    RedisConnection redis;

    @Inject
    Event<NodeSignal> signals;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private volatile boolean running;
    private volatile Jedis connection;
    private volatile Subscription subscription;
    private volatile long lastHeard;
    private volatile ScheduledFuture<?> pings;

    /** Starts listening for other nodes' events, handing each to {@code deliver}. */
    void start(Consumer<EventEnvelope> deliver) {
        if (!redis.configured()) {
            return;
        }
        running = true;
        Thread listener = threads.newThread(() -> listen(deliver));
        listener.setName("grantex-event-relay");
        listener.start();
        pings = scheduler.scheduleAtFixedRate(this::ping, PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
    }

    void publish(EventEnvelope event) {
        if (!redis.configured() || !redis.available()) {
            return;
        }
        try {
            redis.client().publish(CHANNEL_PREFIX + event.developerId(), nodeId + "\n" + event.json());
            redis.answered();
        } catch (JedisException e) {
            redis.failed(e);
        }
    }

    /**
     * Asks every other node to act on {@code topic} now (they receive it as a {@link NodeSignal});
     * without Redis, or while it is away, nothing is sent and they find out by their own polling.
     */
    public void signal(String topic, String payload) {
        if (!redis.configured() || !redis.available()) {
            return;
        }
        try {
            redis.client().publish(SIGNALS, nodeId + "\n" + topic + "\n" + payload);
            redis.answered();
        } catch (JedisException e) {
            redis.failed(e);
        }
    }

    private void listen(Consumer<EventEnvelope> deliver) {
        boolean reported = false;
        while (running) {
            try (Jedis jedis = redis.dedicatedConnection(0)) {
                connection = jedis;
                Subscription current = new Subscription(deliver);
                subscription = current;
                lastHeard = System.currentTimeMillis();
                jedis.psubscribe(current, CHANNEL_PREFIX + "*", SIGNALS);
            } catch (JedisException e) {
                if (running && !reported) {
                    LOG.warning("Events from other nodes cannot be received (" + e + "); retrying every second");
                    reported = true;
                }
            }
            if (running) {
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ping() {
        Subscription current = subscription;
        if (current == null || !current.isSubscribed()) {
            return;
        }
        if (System.currentTimeMillis() - lastHeard > SILENCE_MILLIS) {
            LOG.warning("The Redis event subscription went silent; reconnecting");
            disconnect();
            return;
        }
        try {
            current.ping();
        } catch (JedisException e) {
            disconnect();
        }
    }

    private void disconnect() {
        Jedis current = connection;
        if (current != null) {
            current.disconnect();
        }
    }

    void stop() {
        running = false;
        if (pings != null) {
            pings.cancel(false);
        }
        disconnect();
    }

    /** Reads an envelope relayed by another node; empty for anything it cannot read. */
    static Optional<EventEnvelope> read(String developerId, String json) {
        try (JsonReader reader = Jsonp.reader(json)) {
            JsonObject envelope = reader.readObject();
            return EventType.fromWireName(envelope.getString("type", ""))
                    .map(type -> new EventEnvelope(envelope.getString("id"), developerId, type,
                            Instant.parse(envelope.getString("createdAt")), json));
        } catch (JsonException | ClassCastException | NullPointerException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private final class Subscription extends JedisPubSub {
        private final Consumer<EventEnvelope> deliver;

        Subscription(Consumer<EventEnvelope> deliver) {
            this.deliver = deliver;
        }

        @Override
        public void onPSubscribe(String pattern, int subscribedChannels) {
            lastHeard = System.currentTimeMillis();
        }

        @Override
        public void onPong(String pattern) {
            lastHeard = System.currentTimeMillis();
        }

        @Override
        public void onPMessage(String pattern, String channel, String message) {
            lastHeard = System.currentTimeMillis();
            int newline = message.indexOf('\n');
            if (newline < 0 || message.startsWith(nodeId + "\n")) {
                return;
            }
            String content = message.substring(newline + 1);
            if (channel.equals(SIGNALS)) {
                int split = content.indexOf('\n');
                if (split > 0) {
                    signals.fire(new NodeSignal(content.substring(0, split), content.substring(split + 1)));
                }
            } else if (channel.startsWith(CHANNEL_PREFIX)) {
                read(channel.substring(CHANNEL_PREFIX.length()), content).ifPresent(deliver);
            }
        }
    }
}
