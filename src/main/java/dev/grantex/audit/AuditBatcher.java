package dev.grantex.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Group commit for audit appends. Each developer has a lane: requests queue their entries there, and
 * whichever waiting request finds the lane idle writes everything queued (up to {@link #MAX_BATCH}) in
 * one transaction, then wakes the others. Under load, many entries share one lock of the chain head
 * and one commit; alone, an entry is written at once. No thread exists besides the requests', and a
 * request answers only after the transaction holding its entry committed.
 */
@ApplicationScoped
public class AuditBatcher {
    static final int MAX_BATCH = 200;

    /** One developer's queue, and whether a batch of it is being written. Guarded by its own monitor. */
    private static final class Lane {
        private final ArrayDeque<PendingAppend> queue = new ArrayDeque<>();
        private boolean writing;
    }

    private final ConcurrentMap<String, Lane> lanes = new ConcurrentHashMap<>();

    @Inject
    AuditWriter writer;

    /** Queues the entry and returns it once written; throws what writing it threw (a 402 for the quota). */
    AuditEntry append(PendingAppend pending) {
        String developerId = pending.caller().developerId();
        Lane lane = lanes.computeIfAbsent(developerId, id -> new Lane());
        synchronized (lane) {
            lane.queue.add(pending);
        }
        boolean interrupted = false;
        while (!pending.outcome().isDone()) {
            List<PendingAppend> batch = new ArrayList<>();
            synchronized (lane) {
                while (lane.writing && !pending.outcome().isDone()) {
                    try {
                        lane.wait();
                    } catch (InterruptedException e) {
                        // The entry is queued and will be written; answer for it rather than abandon it.
                        interrupted = true;
                    }
                }
                if (pending.outcome().isDone()) {
                    break;
                }
                lane.writing = true;
                while (!lane.queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(lane.queue.poll());
                }
            }
            try {
                write(developerId, batch);
            } finally {
                // Whatever happened, nobody may wait for an entry of this batch forever (a no-op when settled).
                batch.forEach(written -> written.outcome().completeExceptionally(
                        new IllegalStateException("The audit entry was not written")));
                synchronized (lane) {
                    lane.writing = false;
                    lane.notifyAll();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return result(pending);
    }

    /**
     * Writes the batch and settles every entry in it. When the transaction fails as a whole, each entry
     * is tried on its own, so one bad entry fails alone rather than taking its batch with it.
     */
    private void write(String developerId, List<PendingAppend> batch) {
        List<AuditWriter.Outcome> outcomes;
        try {
            outcomes = writer.write(developerId, batch);
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).outcome().completeExceptionally(e);
            } else {
                batch.forEach(single -> write(developerId, List.of(single)));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            AuditWriter.Outcome outcome = outcomes.get(i);
            if (outcome.refusal() != null) {
                batch.get(i).outcome().completeExceptionally(outcome.refusal());
            } else {
                batch.get(i).outcome().complete(outcome.entry());
            }
        }
    }

    private static AuditEntry result(PendingAppend pending) {
        try {
            return pending.outcome().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
