package dev.grantex.webhooks;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes delivery attempts: POSTs the stored body verbatim with the signature headers, at most
 * GRANTEX_WEBHOOK_CONCURRENCY at once per node, each given 10 s. Redirects are not followed. Work
 * runs on threads of its own, never on request threads, so a hanging receiver delays nobody else.
 */
@ApplicationScoped
public class WebhookSender {
    private static final Logger LOG = Logger.getLogger(WebhookSender.class.getName());
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    static final String USER_AGENT = "Grantex-Webhooks/0.1";
    private static final int SUCCESS_BATCH = 500;

    /** An attempt's result: null error for success. */
    private record Outcome(String error) {
        static final Outcome DELIVERED = new Outcome(null);
    }

    @Inject
    WebhookTargets targets;

    @Inject
    WebhookDeliveries deliveries;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "grantex.webhook.concurrency", defaultValue = "32")
    int concurrency;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threadFactory;

    private ExecutorService threads;
    private HttpClient client;
    private Semaphore permits;
    private final Queue<WebhookAttempt> waiting = new ConcurrentLinkedQueue<>();
    /** Successful attempts not yet recorded; recorded together, a batch at a time. */
    private final Queue<WebhookAttempt> succeeded = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean recordingSuccesses = new AtomicBoolean();
    private final AtomicInteger waitingCount = new AtomicInteger();

    @PostConstruct
    void start() {
        int limit = Math.max(1, concurrency);
        permits = new Semaphore(limit);
        threads = Executors.newFixedThreadPool(Math.min(limit, 8), threadFactory);
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(ATTEMPT_TIMEOUT)
                .executor(threads)
                .build();
    }

    /** How many more leased attempts this node should take on now: a few rounds of its concurrency. */
    int room() {
        return Math.max(0, 4 * Math.max(1, concurrency) - waitingCount.get());
    }

    /** Queues leased attempts; each starts as soon as a slot is free. */
    void submit(List<WebhookAttempt> attempts) {
        for (WebhookAttempt attempt : attempts) {
            waitingCount.incrementAndGet();
            waiting.add(attempt);
        }
        drain();
    }

    private void drain() {
        while (permits.tryAcquire()) {
            WebhookAttempt next = waiting.poll();
            if (next == null) {
                permits.release();
                if (waiting.isEmpty()) {
                    return;
                }
                continue;
            }
            waitingCount.decrementAndGet();
            attempt(next).whenComplete((ignored, error) -> {
                permits.release();
                drain();
            });
        }
    }

    private CompletableFuture<Void> attempt(WebhookAttempt attempt) {
        return CompletableFuture.supplyAsync(() -> targets.refusalBeforeAttempt(attempt.url()), threads)
                .thenCompose(refusal -> refusal.map(reason -> CompletableFuture.completedFuture(new Outcome(reason)))
                        .orElseGet(() -> post(attempt)))
                .exceptionally(error -> new Outcome(describe(error)))
                .thenAcceptAsync(outcome -> record(attempt, outcome), threads);
    }

    private CompletableFuture<Outcome> post(WebhookAttempt attempt) {
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
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .orTimeout(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(response -> response.statusCode() / 100 == 2 ? Outcome.DELIVERED
                        : new Outcome("HTTP " + response.statusCode()
                                + (response.statusCode() / 100 == 3 ? " (redirects are not followed)" : "")));
    }

    private void record(WebhookAttempt attempt, Outcome outcome) {
        if (outcome.error() == null) {
            succeeded.add(attempt);
            recordSuccesses();
            return;
        }
        try {
            deliveries.attemptFailed(attempt, outcome.error());
        } catch (RuntimeException e) {
            // The lease runs out and the attempt is made again: at least once, never lost.
            LOG.log(Level.WARNING, "Could not record the outcome of webhook delivery " + attempt.deliveryId(), e);
        }
    }

    /** Records the successes that have gathered, in batches, until none are left; one recorder at a time. */
    private void recordSuccesses() {
        while (!succeeded.isEmpty() && recordingSuccesses.compareAndSet(false, true)) {
            try {
                List<WebhookAttempt> batch = new ArrayList<>();
                for (WebhookAttempt next; batch.size() < SUCCESS_BATCH && (next = succeeded.poll()) != null; ) {
                    batch.add(next);
                }
                if (!batch.isEmpty()) {
                    deliveries.delivered(batch);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not record successful webhook deliveries; their leases run out and "
                        + "they are made again", e);
            } finally {
                recordingSuccesses.set(false);
            }
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return "No answer within " + ATTEMPT_TIMEOUT.toSeconds() + " s";
        }
        if (cause instanceof ConnectException) {
            return "Connection refused or unreachable";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
