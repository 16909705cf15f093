package dev.grantex.webhooks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A node's delivery attempts waiting for a sender thread, in one lane per developer, so that one
 * developer's slow or hanging receivers cannot hold up another's deliveries:
 * <ul>
 * <li>a free thread takes the oldest attempt of the developer with the fewest attempts under way;</li>
 * <li>no developer has more than three quarters of the threads, nor of the queue's places, so a
 *     quarter of each is always left for the others;</li>
 * <li>a developer with half its share of places waiting is left out of leases ({@link #crowded()}):
 *     oldest-first leasing would otherwise take its backlog's rows, only to hand them back, before
 *     any other developer's.</li>
 * </ul>
 * Between developers with the same number under way the order is arbitrary; nobody is passed over
 * for long, since whoever is taken next has one more under way.
 */
final class DeliveryQueue {
    /** One developer's waiting attempts, oldest first, and how many of its attempts are under way. */
    private static final class Lane {
        final ArrayDeque<WebhookAttempt> waiting = new ArrayDeque<>();
        int underWay;
    }

    private final int places;
    private final int threadShare;
    private final int placeShare;
    private final Map<String, Lane> lanes = new HashMap<>();
    private int waiting;
    private boolean closed;

    /** A queue for {@code threads} sender threads, with places for four rounds of them. */
    DeliveryQueue(int threads) {
        places = 4 * threads;
        threadShare = Math.max(1, threads - threads / 4);
        placeShare = Math.max(1, places - places / 4);
    }

    /** Queues the attempt, or answers false when the node's places, or its developer's share of them, are taken. */
    synchronized boolean offer(WebhookAttempt attempt) {
        if (closed || !hasRoomFor(attempt.developerId())) {
            return false;
        }
        lanes.computeIfAbsent(attempt.developerId(), developer -> new Lane()).waiting.add(attempt);
        waiting++;
        notify();
        return true;
    }

    synchronized boolean hasRoomFor(String developerId) {
        Lane lane = lanes.get(developerId);
        return waiting < places && (lane == null || lane.waiting.size() < placeShare);
    }

    /** Places free on the node. */
    synchronized int room() {
        return places - waiting;
    }

    /** Attempts queued and not yet taken by a thread. */
    synchronized int waiting() {
        return waiting;
    }

    /** Developers with at least half their share of places waiting: their due rows are not leased now. */
    synchronized Set<String> crowded() {
        return lanes.entrySet().stream().filter(lane -> lane.getValue().waiting.size() >= placeShare / 2)
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The next attempt to make, counted as under way until {@link #finished}; waits for one. Null once
     * the queue is closed.
     */
    synchronized WebhookAttempt take() throws InterruptedException {
        while (!closed) {
            Lane next = null;
            for (Lane lane : lanes.values()) {
                if (!lane.waiting.isEmpty() && lane.underWay < threadShare && (next == null || lane.underWay < next.underWay)) {
                    next = lane;
                }
            }
            if (next != null) {
                next.underWay++;
                waiting--;
                return next.waiting.poll();
            }
            wait();
        }
        return null;
    }

    /** The attempt taken is over: its developer's thread is free for its next one. */
    synchronized void finished(WebhookAttempt attempt) {
        Lane lane = lanes.get(attempt.developerId());
        lane.underWay--;
        if (lane.underWay == 0 && lane.waiting.isEmpty()) {
            lanes.remove(attempt.developerId());
        }
        // The lane may have been held back at its share of threads, with a thread waiting that can take it now.
        notify();
    }

    /** Closes the queue: takers get null from now on; answers the attempts that were waiting. */
    synchronized List<WebhookAttempt> close() {
        closed = true;
        List<WebhookAttempt> left = new ArrayList<>();
        lanes.values().forEach(lane -> {
            left.addAll(lane.waiting);
            lane.waiting.clear();
        });
        waiting = 0;
        notifyAll();
        return left;
    }
}
