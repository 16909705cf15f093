package dev.grantex.webhooks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node's delivery attempts waiting for a sender thread, in one lane per developer, so that one
 * developer's slow or hanging receivers cannot hold up another's deliveries:
 * <ul>
 * <li>a free thread takes the oldest attempt of the developer with the fewest attempts under way,
 *     and among developers with as many under way, of the one served longest ago;</li>
 * <li>no developer has more than three quarters of the places, nor of the threads (from two threads
 *     on, always one fewer than all), so the rest is always left for the others;</li>
 * <li>a lease takes no more rows than every developer it may take them for has room for, and leaves
 *     out the developers with half their share of places waiting ({@link #leaseRoom()}):
 *     oldest-first leasing would otherwise take a backlog's rows, only to hand them back, before any
 *     other developer's.</li>
 * </ul>
 */
final class DeliveryQueue {
    /** One developer's waiting attempts, oldest first, and how many of its attempts are under way. */
    private static final class Lane {
        final ArrayDeque<WebhookAttempt> waiting = new ArrayDeque<>();
        int underWay;
    }

    /** What a lease may take now: at most {@code rows} due rows, none of the developers left out. */
    record LeaseRoom(int rows, Set<String> leftOut) {
    }

    private final int places;
    private final int threadShare;
    private final int placeShare;
    /** The lanes in the order they were last served, longest ago first. */
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private int waiting;
    private boolean closed;

    /** A queue for {@code threads} sender threads, with places for four rounds of them. */
    DeliveryQueue(int threads) {
        places = 4 * threads;
        threadShare = threads == 1 ? 1 : threads - Math.max(1, threads / 4);
        placeShare = places - places / 4;
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

    /** Attempts queued and not yet taken by a thread. */
    synchronized int waiting() {
        return waiting;
    }

    /**
     * What the next lease may take: the developers with at least half their share of places waiting
     * are left out, and the rows are no more than the node's free places nor than any other
     * developer has room for, so that every leased row finds its place.
     */
    synchronized LeaseRoom leaseRoom() {
        // A developer with nothing waiting has room for a whole share.
        int rows = Math.min(places - waiting, placeShare);
        Set<String> leftOut = new HashSet<>();
        for (Map.Entry<String, Lane> lane : lanes.entrySet()) {
            int developerWaiting = lane.getValue().waiting.size();
            if (developerWaiting >= placeShare / 2) {
                leftOut.add(lane.getKey());
            } else {
                rows = Math.min(rows, placeShare - developerWaiting);
            }
        }
        return new LeaseRoom(rows, Set.copyOf(leftOut));
    }

    /**
     * The next attempt to make, counted as under way until {@link #finished}; waits for one. Null once
     * the queue is closed.
     */
    synchronized WebhookAttempt take() throws InterruptedException {
        while (!closed) {
            Map.Entry<String, Lane> next = null;
            for (Map.Entry<String, Lane> entry : lanes.entrySet()) {
                Lane lane = entry.getValue();
                if (!lane.waiting.isEmpty() && lane.underWay < threadShare
                        && (next == null || lane.underWay < next.getValue().underWay)) {
                    next = entry;
                }
            }
            if (next != null) {
                Lane lane = next.getValue();
                // Served now: last in the order, behind those with as many under way.
                lanes.remove(next.getKey());
                lanes.put(next.getKey(), lane);
                lane.underWay++;
                waiting--;
                return lane.waiting.poll();
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
