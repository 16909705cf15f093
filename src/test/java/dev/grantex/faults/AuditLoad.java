package dev.grantex.faults;

import dev.grantex.it.Api;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.stream.IntStream;

/**
 * Audit appends from several threads for one developer, while something fails: every acknowledged
 * (201) entry is remembered, every other answer is counted by kind.
 */
final class AuditLoad {
    private static final String ENTRY = "{\"agentId\":\"ag_load\",\"agentDid\":\"did:grantex:ag_load\","
            + "\"grantId\":\"grnt_load\",\"principalId\":\"user_load\",\"action\":\"load.append\"}";

    final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong unavailable = new AtomicLong();
    final AtomicLong otherServerErrors = new AtomicLong();
    final AtomicLong clientErrors = new AtomicLong();
    final AtomicLong unanswered = new AtomicLong();
    final AtomicLong unavailableWithoutEnvelope = new AtomicLong();
    final LongAccumulator slowestMillis = new LongAccumulator(Math::max, 0);
    private volatile String slowest = "";

    private final TestDeveloper developer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads;

    AuditLoad(TestDeveloper developer, int threadCount) {
        this.developer = developer;
        this.threads = IntStream.range(0, threadCount)
                .mapToObj(i -> new Thread(this::appendUntilStopped, "audit-load-" + i)).toList();
        threads.forEach(Thread::start);
    }

    private void appendUntilStopped() {
        while (running.get()) {
            long started = System.nanoTime();
            Instant startedAt = Instant.now();
            String outcome = "unanswered";
            try {
                Reply reply = Api.send(Api.request("/v1/audit/log")
                        .header("Authorization", "Bearer " + developer.apiKey())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(ENTRY)));
                outcome = Integer.toString(reply.status());
                count(reply);
            } catch (UncheckedIOException e) {
                unanswered.incrementAndGet();
                Commands.sleep(200);
            } finally {
                requests.incrementAndGet();
                long millis = (System.nanoTime() - started) / 1_000_000;
                if (millis > slowestMillis.get()) {
                    slowest = " (" + outcome + ", sent at " + startedAt + ")";
                }
                slowestMillis.accumulate(millis);
            }
        }
    }

    private void count(Reply reply) {
        int status = reply.status();
        if (status == 201) {
            acknowledged.add(reply.json().getString("entryId"));
        } else if (status == 503) {
            unavailable.incrementAndGet();
            boolean envelope = reply.body().contains("\"SERVICE_UNAVAILABLE\"") && reply.header("Retry-After").isPresent();
            if (!envelope) {
                unavailableWithoutEnvelope.incrementAndGet();
            }
            Commands.sleep(100);
        } else if (status >= 500) {
            otherServerErrors.incrementAndGet();
        } else {
            clientErrors.incrementAndGet();
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    String counts() {
        return "requests=" + requests + " acknowledged=" + acknowledged.size() + " 503=" + unavailable
                + " other5xx=" + otherServerErrors + " 4xx=" + clientErrors + " unanswered=" + unanswered
                + " slowestMs=" + slowestMillis.get() + slowest;
    }
}
