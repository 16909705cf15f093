package dev.grantex.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class DeliveryQueueTest {
    /** Four threads: a developer may have three under way and twelve of the sixteen places. */
    private final DeliveryQueue queue = new DeliveryQueue(4);

    private static WebhookAttempt attempt(String developerId, int n) {
        return new WebhookAttempt(developerId + "-" + n, developerId, "lease", Instant.MAX, "https://example.com/",
                "{}", "signature", "secret");
    }

    private void offer(String developerId, int count) {
        for (int i = 1; i <= count; i++) {
            assertTrue(queue.offer(attempt(developerId, i)), developerId + " " + i);
        }
    }

    private String take() throws InterruptedException {
        return queue.take().deliveryId();
    }

    @Test
    void theDeveloperWithFewestUnderWayGoesFirstAndEachDevelopersOwnGoOldestFirst() throws InterruptedException {
        offer("a", 3);
        assertEquals("a-1", take());
        offer("b", 2);
        assertEquals("b-1", take());
        // Both have one under way now: a was served longer ago.
        assertEquals("a-2", take());
        assertEquals("b-2", take());
        assertEquals("a-3", take());
    }

    /**
     * With as many under way (here none: each attempt is over before the next is taken), the developer
     * served longest ago goes first, so more developers than threads take turns.
     */
    @Test
    void developersWithAsManyUnderWayTakeTurns() throws InterruptedException {
        for (String developer : List.of("a", "b", "c")) {
            offer(developer, 2);
        }
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            WebhookAttempt next = queue.take();
            order.add(next.deliveryId());
            queue.finished(next);
        }
        assertEquals(List.of("a-1", "b-1", "c-1", "a-2", "b-2", "c-2"), order);
    }

    @Test
    void fromTwoThreadsOnOneIsAlwaysLeftForTheOthers() throws InterruptedException {
        DeliveryQueue twoThreads = new DeliveryQueue(2);
        assertTrue(twoThreads.offer(attempt("a", 1)));
        assertTrue(twoThreads.offer(attempt("a", 2)));
        assertTrue(twoThreads.offer(attempt("b", 1)));
        assertEquals("a-1", twoThreads.take().deliveryId());
        assertEquals("b-1", twoThreads.take().deliveryId(), "a's second waits for its first");
    }

    @Test
    void aDeveloperGetsAtMostThreeQuartersOfTheThreadsAndTheNextWaitsForOneOfItsOwnToFinish() throws Exception {
        offer("a", 5);
        List<WebhookAttempt> underWay = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            underWay.add(queue.take());
        }
        offer("b", 1);
        assertEquals("b-1", take(), "the fourth thread is another developer's, though a's came first");
        CompletableFuture<String> fifth = CompletableFuture.supplyAsync(() -> {
            try {
                return take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThrows(TimeoutException.class, () -> fifth.get(300, TimeUnit.MILLISECONDS), "a's fourth before one of its three ended");
        queue.finished(underWay.get(0));
        assertEquals("a-4", fifth.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aDeveloperGetsAtMostThreeQuartersOfThePlaces() {
        offer("a", 12);
        assertFalse(queue.hasRoomFor("a"));
        assertFalse(queue.offer(attempt("a", 13)));
        assertTrue(queue.hasRoomFor("b"));
        offer("b", 4);
        assertFalse(queue.hasRoomFor("c"));
        assertFalse(queue.offer(attempt("c", 1)));
    }

    /**
     * A lease takes no more rows than the node and every developer it may take them for have room for,
     * and leaves out the developers with half their twelve places waiting.
     */
    @Test
    void aLeaseTakesWhatEveryDeveloperHasRoomForAndLeavesOutTheCrowded() {
        assertEquals(new DeliveryQueue.LeaseRoom(12, Set.of()), queue.leaseRoom(), "sixteen places, twelve a developer");
        offer("a", 5);
        assertEquals(new DeliveryQueue.LeaseRoom(7, Set.of()), queue.leaseRoom(), "a has room for seven more");
        offer("a", 1);
        assertEquals(new DeliveryQueue.LeaseRoom(10, Set.of("a")), queue.leaseRoom(), "a is left out: ten places are free");
        offer("b", 4);
        assertEquals(new DeliveryQueue.LeaseRoom(6, Set.of("a")), queue.leaseRoom());
        offer("a", 6);
        assertEquals(new DeliveryQueue.LeaseRoom(0, Set.of("a")), queue.leaseRoom(), "the node is full");
    }

    @Test
    void anEmptiedPlaceIsFreeAgainAndClosingAnswersWhatWasWaiting() throws InterruptedException {
        offer("a", 12);
        WebhookAttempt first = queue.take();
        assertEquals(11, queue.waiting());
        assertTrue(queue.offer(attempt("a", 13)));
        queue.finished(first);
        List<WebhookAttempt> left = queue.close();
        assertEquals(12, left.size());
        assertEquals(0, queue.waiting());
        assertNull(queue.take());
        assertFalse(queue.offer(attempt("b", 1)));
    }
}
