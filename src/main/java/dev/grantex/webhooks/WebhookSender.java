package dev.grantex.webhooks;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes delivery attempts: POSTs the stored body verbatim with the signature headers (or, for a
 * mailto: target, mails it), at most
 * GRANTEX_WEBHOOK_CONCURRENCY at once per node, each given 10 s for its answer. Redirects are not
 * followed. Work runs on threads of its own, never on request threads, so a hanging receiver delays
 * nobody else. An attempt holds one of those threads until the answer's status line and headers
 * have come; the answer's body is read and dropped in the background, so a receiver that trickles
 * it holds no thread. (The HTTP client's asynchronous sending was not used: it hands every answer to
 * CompletableFuture's default pool, which on a two-core machine starts a thread for each task.)
 */
@ApplicationScoped
public class WebhookSender {
    private static final Logger LOG = Logger.getLogger(WebhookSender.class.getName());
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    static final String USER_AGENT = "Grantex-Webhooks/0.1";
    private static final int SUCCESS_BATCH = 500;
    /**
     * How long successes gather before they are recorded. Recorded as they came, under the flow's
     * load nearly every success was a transaction of its own, and PostgreSQL spent more on those
     * commits than on the rows; a delivery made but not yet recorded when its node dies is made
     * again once its lease ends (at least once).
     */
    static final long SUCCESS_GATHERING_MILLIS = 200;

    /** An attempt's result: null error for success. */
    private record Outcome(String error) {
        static final Outcome DELIVERED = new Outcome(null);
    }

    @Inject
    WebhookTargets targets;

    @Inject
    WebhookDeliveries deliveries;

    @Inject
    MailSender mail;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "grantex.webhook.concurrency", defaultValue = "32")
    int concurrency;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threadFactory;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private ExecutorService threads;
    private HttpClient client;
    /** Attempts handed over but not started yet. */
    private final AtomicInteger waiting = new AtomicInteger();
    /** Successful attempts not yet recorded; recorded together, a batch at a time. */
    private final Queue<WebhookAttempt> succeeded = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean recordingScheduled = new AtomicBoolean();

    @PostConstruct
    void start() {
        threads = Executors.newFixedThreadPool(Math.max(1, concurrency), threadFactory);
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(ATTEMPT_TIMEOUT)
                .build();
    }

    /** How many more leased attempts this node should take on now: a few rounds of its concurrency. */
    int room() {
        return Math.max(0, 4 * Math.max(1, concurrency) - waiting.get());
    }

    /**
     * Queues leased attempts; each starts as soon as a thread is free. When more are waiting than
     * room() allows, and when an attempt's lease would end before its answer is due, the attempt is
     * not made: the row comes due again when its lease ends, for whichever node's timer leases it
     * first. So an overloaded node neither grows its queue without bound nor sends twice.
     */
    void submit(List<WebhookAttempt> attempts) {
        for (WebhookAttempt attempt : attempts) {
            if (room() == 0) {
                return;
            }
            waiting.incrementAndGet();
            threads.execute(() -> {
                waiting.decrementAndGet();
                if (clock.instant().plus(ATTEMPT_TIMEOUT).isBefore(attempt.leaseEnds())) {
                    record(attempt, attempt(attempt));
                }
            });
        }
    }

    private Outcome attempt(WebhookAttempt attempt) {
        try {
            if (MailtoUrl.isMailto(attempt.url())) {
                return new Outcome(mail.send(attempt.url(), attempt.payload()));
            }
            return targets.refusalBeforeAttempt(attempt.url()).map(Outcome::new).orElseGet(() -> post(attempt));
        } catch (RuntimeException e) {
            return new Outcome(describe(e));
        }
    }

    private Outcome post(WebhookAttempt attempt) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(attempt.url()))
                .timeout(ATTEMPT_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("X-Grantex-Signature", attempt.signature())
                .header("X-Grantex-Timestamp", Long.toString(timestamp))
                .header("X-Grantex-Signature-V2", WebhookSignatures.v2(attempt.secret(), timestamp, attempt.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(attempt.payload()))
                .build();
        try {
            int status = client.send(request, answer -> new DroppedBody()).statusCode();
            return status / 100 == 2 ? Outcome.DELIVERED
                    : new Outcome("HTTP " + status + (status / 100 == 3 ? " (redirects are not followed)" : ""));
        } catch (IOException e) {
            return new Outcome(describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome("Interrupted: the server was stopping");
        }
    }

    /** Reads an answer's body and drops it; the answer is complete at its headers. */
    private static final class DroppedBody implements HttpResponse.BodySubscriber<Void> {
        @Override
        public CompletionStage<Void> getBody() {
            return CompletableFuture.completedStage(null);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
        }

        @Override
        public void onError(Throwable error) {
        }

        @Override
        public void onComplete() {
        }
    }

    private void record(WebhookAttempt attempt, Outcome outcome) {
        if (outcome.error() == null) {
            succeeded.add(attempt);
            if (recordingScheduled.compareAndSet(false, true)) {
                try {
                    scheduler.schedule(this::recordSuccesses, SUCCESS_GATHERING_MILLIS, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    recordSuccesses();
                }
            }
            return;
        }
        try {
            deliveries.attemptFailed(attempt, outcome.error());
        } catch (RuntimeException e) {
            // The lease runs out and the attempt is made again: at least once, never lost.
            LOG.log(Level.WARNING, "Could not record the outcome of webhook delivery " + attempt.deliveryId(), e);
        }
    }

    /**
     * Records the successes that have gathered, in batches, until none are left. A success that comes
     * after the flag is cleared schedules the next round; two rounds at once take disjoint batches.
     */
    private void recordSuccesses() {
        recordingScheduled.set(false);
        List<WebhookAttempt> batch = new ArrayList<>();
        do {
            batch.clear();
            for (WebhookAttempt next; batch.size() < SUCCESS_BATCH && (next = succeeded.poll()) != null; ) {
                batch.add(next);
            }
            if (!batch.isEmpty()) {
                try {
                    deliveries.delivered(batch);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not record successful webhook deliveries; their leases run out and "
                            + "they are made again", e);
                }
            }
        } while (batch.size() == SUCCESS_BATCH);
    }

    private static String describe(Exception error) {
        if (error instanceof HttpTimeoutException) {
            return "No answer within " + ATTEMPT_TIMEOUT.toSeconds() + " s";
        }
        if (error instanceof ConnectException) {
            return "Connection refused or unreachable";
        }
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }

    /** What succeeded before the stop is recorded now, rather than sent again once its lease ends. */
    @PreDestroy
    void stop() {
        threads.shutdownNow();
        recordSuccesses();
    }
}
