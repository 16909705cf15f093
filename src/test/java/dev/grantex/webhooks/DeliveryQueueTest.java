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
        // Both have one under way now.
        String third = take();
        assertTrue(third.equals("a-2") || third.equals("b-2"), third);
        assertEquals(third.equals("a-2") ? "b-2" : "a-2", take());
        assertEquals("a-3", take());
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
    void aDeveloperGetsAtMostThreeQuartersOfThePlacesAndIsCrowdedFromHalfOfThat() {
        offer("a", 5);
        assertEquals(Set.of(), queue.crowded());
        offer("a", 1);
        assertEquals(Set.of("a"), queue.crowded(), "six waiting: half of a's twelve places");
        offer("a", 6);
        assertFalse(queue.hasRoomFor("a"));
        assertFalse(queue.offer(attempt("a", 13)));
        assertTrue(queue.hasRoomFor("b"));
        offer("b", 4);
        assertEquals(0, queue.room());
        assertFalse(queue.hasRoomFor("c"));
        assertFalse(queue.offer(attempt("c", 1)));
        assertEquals(Set.of("a"), queue.crowded());
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
