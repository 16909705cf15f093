package dev.grantex.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.platform.Caller;
import dev.grantex.platform.errors.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit without a database: a stand-in writer records the batches it is given. */
class AuditBatcherTest {
    private static final Caller CALLER = new Caller("dev_1", "test", "live", "enterprise");

    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A stand-in for the database writer: answers each batch with the given function, recording it. */
    private static final class RecordingWriter extends AuditWriter {
        final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        private final Function<List<PendingAppend>, List<Outcome>> answer;

        RecordingWriter(Function<List<PendingAppend>, List<Outcome>> answer) {
            this.answer = answer;
        }

        @Override
        public List<Outcome> write(String developerId, List<PendingAppend> batch) {
            batches.add(batch.stream().map(p -> p.record().action()).toList());
            return answer.apply(batch);
        }
    }

    private static List<AuditWriter.Outcome> written(List<PendingAppend> batch) {
        return batch.stream().map(p -> new AuditWriter.Outcome(entry(p.record().action()), null)).toList();
    }

    private static AuditEntry entry(String action) {
        return new AuditEntry("alog_" + action, CALLER.developerId(), 1, record(action), "{}", Instant.EPOCH, null, "h");
    }

    private static AuditRecord record(String action) {
        return new AuditRecord("ag", "did:grantex:ag", "grnt", "user", action, null, "success");
    }

    private static PendingAppend pending(String action) {
        return new PendingAppend(CALLER, record(action), "{}", true);
    }

    private static AuditBatcher batcher(AuditWriter writer) {
        AuditBatcher batcher = new AuditBatcher();
        batcher.writer = writer;
        return batcher;
    }

    @Test
    void concurrentAppendsShareBatchesAndEachGetsItsOwnEntry() throws Exception {
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        RecordingWriter writer = new RecordingWriter(batch -> {
            if (firstBatchStarted.getCount() == 1) {
                firstBatchStarted.countDown();
                await(othersQueued);
            }
            return written(batch);
        });
        AuditBatcher batcher = batcher(writer);
        Future<AuditEntry> first = pool.submit(() -> batcher.append(pending("a0")));
        assertTrue(firstBatchStarted.await(10, TimeUnit.SECONDS));
        List<Future<AuditEntry>> rest = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String action = "a" + i;
            rest.add(pool.submit(() -> batcher.append(pending(action))));
        }
        Thread.sleep(300);
        othersQueued.countDown();

        assertEquals("alog_a0", first.get(10, TimeUnit.SECONDS).id());
        for (int i = 1; i <= 10; i++) {
            assertEquals("alog_a" + i, rest.get(i - 1).get(10, TimeUnit.SECONDS).id());
        }
        assertEquals(List.of("a0"), writer.batches.get(0));
        assertEquals(2, writer.batches.size(), "the ten that queued meanwhile are written together");
        assertEquals(10, writer.batches.get(1).size());
    }

    @Test
    void aFailedBatchIsRetriedEntryByEntrySoOnlyTheBadOneFails() throws Exception {
        RuntimeException bad = new IllegalStateException("constraint");
        CountDownLatch release = new CountDownLatch(1);
        RecordingWriter writer = new RecordingWriter(batch -> {
            if (batch.get(0).record().action().equals("hold")) {
                await(release);
            }
            if (batch.stream().anyMatch(p -> p.record().action().equals("bad"))) {
                throw bad;
            }
            return written(batch);
        });
        AuditBatcher batcher = batcher(writer);
        Future<AuditEntry> hold = pool.submit(() -> batcher.append(pending("hold")));
        waitUntil(() -> writer.batches.size() == 1);
        Future<AuditEntry> good1 = pool.submit(() -> batcher.append(pending("good1")));
        Future<AuditEntry> failing = pool.submit(() -> batcher.append(pending("bad")));
        Future<AuditEntry> good2 = pool.submit(() -> batcher.append(pending("good2")));
        Thread.sleep(300);
        release.countDown();

        hold.get(10, TimeUnit.SECONDS);
        assertEquals("alog_good1", good1.get(10, TimeUnit.SECONDS).id());
        assertEquals("alog_good2", good2.get(10, TimeUnit.SECONDS).id());
        Exception thrown = assertThrows(Exception.class, () -> failing.get(10, TimeUnit.SECONDS));
        assertSame(bad, thrown.getCause());
        assertTrue(writer.batches.stream().anyMatch(b -> b.size() == 3), writer.batches.toString());
    }

    @Test
    void aRefusalReachesOnlyItsOwnRequest() {
        ApiException quota = new ApiException(402, "PLAN_LIMIT_EXCEEDED", "Audit entry limit reached");
        AuditBatcher batcher = batcher(new RecordingWriter(batch -> batch.stream()
                .map(p -> p.record().action().equals("over")
                        ? new AuditWriter.Outcome(null, quota) : new AuditWriter.Outcome(entry("ok"), null))
                .toList()));
        assertSame(quota, assertThrows(ApiException.class, () -> batcher.append(pending("over"))));
        assertEquals("alog_ok", batcher.append(pending("fine")).id());
    }

    @Test
    void anErrorInTheWriterReleasesEveryoneInTheBatch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingWriter writer = new RecordingWriter(batch -> {
            if (batch.get(0).record().action().equals("hold")) {
                await(release);
                return written(batch);
            }
            throw new AssertionError("writer broke");
        });
        AuditBatcher batcher = batcher(writer);
        Future<AuditEntry> hold = pool.submit(() -> batcher.append(pending("hold")));
        waitUntil(() -> writer.batches.size() == 1);
        Future<AuditEntry> x1 = pool.submit(() -> batcher.append(pending("x1")));
        Future<AuditEntry> x2 = pool.submit(() -> batcher.append(pending("x2")));
        Thread.sleep(300);
        release.countDown();

        hold.get(10, TimeUnit.SECONDS);
        List<Class<?>> failures = new ArrayList<>();
        for (Future<AuditEntry> waiting : List.of(x1, x2)) {
            failures.add(assertThrows(Exception.class, () -> waiting.get(10, TimeUnit.SECONDS)).getCause().getClass());
        }
        assertEquals(2, writer.batches.size(), writer.batches.toString());
        assertEquals(Set.of("x1", "x2"), Set.copyOf(writer.batches.get(1)));
        assertTrue(failures.contains(AssertionError.class) && failures.contains(IllegalStateException.class),
                failures.toString());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached in 10 s");
            Thread.sleep(10);
        }
    }
}
