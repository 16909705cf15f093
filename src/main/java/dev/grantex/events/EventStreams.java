package dev.grantex.events;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * This node's stream clients, by developer. A committed event goes to the clients here at once and,
 * through the relay, to the clients of every other node; a client only ever sees its developer's events.
 */
@ApplicationScoped
public class EventStreams {
    /** A subscriber with the kind and id its connection slot is held under. */
    private record Connection(String kind, String id, StreamSubscriber subscriber) {
    }

    @Inject
    StreamSlots slots;

    @Inject
    StreamSettings settings;

    @Inject
    EventRelay relay;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threadFactory;

    private final Map<String, Set<Connection>> byDeveloper = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> keepAlives;

    void start(@Observes Startup startup) {
        long period = settings.keepAliveSeconds();
        keepAlives = scheduler.scheduleAtFixedRate(this::keepAlive, period, period, TimeUnit.SECONDS);
        relay.start(this::deliverHere);
    }

    /** Makes the threads each WebSocket client writes and closes on (see {@link WebSocketSubscriber}). */
    ThreadFactory webSocketThreads() {
        return threadFactory;
    }

    /**
     * Registers a connected client under a slot of its kind ("sse" or "ws"); false when its developer
     * already has the maximum number of such connections.
     */
    public boolean open(String kind, String connectionId, StreamSubscriber subscriber) {
        if (!slots.acquire(kind, subscriber.developerId(), connectionId)) {
            return false;
        }
        byDeveloper.computeIfAbsent(subscriber.developerId(), d -> ConcurrentHashMap.newKeySet())
                .add(new Connection(kind, connectionId, subscriber));
        return true;
    }

    /** Forgets a client and frees its slot; called when its connection ends, however it ends. */
    public void closed(String kind, String connectionId, StreamSubscriber subscriber) {
        Set<Connection> connections = byDeveloper.get(subscriber.developerId());
        if (connections != null && connections.remove(new Connection(kind, connectionId, subscriber))) {
            slots.release(kind, subscriber.developerId(), connectionId);
        }
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventEnvelope event) {
        deliverHere(event);
        relay.publish(event);
    }

    private void deliverHere(EventEnvelope event) {
        Set<Connection> connections = byDeveloper.get(event.developerId());
        if (connections != null) {
            for (Connection connection : connections) {
                connection.subscriber().offer(event);
            }
        }
    }

    private void keepAlive() {
        long now = System.currentTimeMillis();
        for (Set<Connection> connections : byDeveloper.values()) {
            for (Connection connection : connections) {
                StreamSubscriber subscriber = connection.subscriber();
                subscriber.keepAlive(now);
                if (subscriber.closed()) {
                    closed(connection.kind(), connection.id(), subscriber);
                } else {
                    slots.renew(connection.kind(), subscriber.developerId(), connection.id());
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        if (keepAlives != null) {
            keepAlives.cancel(false);
        }
        relay.stop();
        byDeveloper.values().forEach(connections -> connections.forEach(c -> c.subscriber().close()));
    }
}
