package dev.grantex.webhooks;

import dev.grantex.platform.ApplicationStopping;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.HttpsURLConnection;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes delivery attempts: POSTs the stored body verbatim with the signature headers (or, for a
 * mailto: target, mails it), at most GRANTEX_WEBHOOK_CONCURRENCY at once per node, each given 10 s
 * for its answer's status line and headers, however slowly they come. Redirects are not followed.
 * Due rows (retries, and what a node had no room for or left when it died) are leased every second
 * by the retry timer and, while a backlog lasts, again whenever the queue runs low, so a backlog
 * drains as fast as the receivers answer.
 * Work runs on threads of its own, never on request threads, and waits in a {@link DeliveryQueue}
 * that keeps a quarter of the threads and of the queue for other developers than the one with the
 * most, so a hanging receiver delays neither the flow nor another developer's deliveries.
 * The answer's body is not read: the JDK's keep-alive cache reads a short one off in the background
 * and closes the connection of a long one, so a receiver that trickles it holds no thread.
 * (Sent with HttpURLConnection, blocking on the sender's own thread: async-profiler showed the JDK's
 * HttpClient, whose blocking send is asynchronous underneath, spending about 0.3 ms of CPU per POST
 * on its selector and executor hand-offs, more than a grant flow's event writes cost.)
 */
@ApplicationScoped
public class WebhookSender {
    private static final Logger LOG = Logger.getLogger(WebhookSender.class.getName());
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    static final String USER_AGENT = "Grantex-Webhooks/0.1";
    private static final int RECORDING_BATCH = 500;
    /**
     * How long successes, and attempts without room, gather before they are written together.
     * Recorded as they came, under the flow's load nearly every success was a transaction of its own,
     * and PostgreSQL spent more on those commits than on the rows; a delivery made but not yet
     * recorded when its node dies is made again once its lease ends (at least once).
     */
    static final long GATHERING_MILLIS = 200;

    private static final String NO_ANSWER = "No answer within " + ATTEMPT_TIMEOUT.toSeconds() + " s";

    /** An attempt under way, cut off by the watchdog should its deadline pass. */
    private static final class InFlight {
        final HttpURLConnection connection;
        final long deadlineNanos;
        volatile boolean cutOff;

        InFlight(HttpURLConnection connection, long deadlineNanos) {
            this.connection = connection;
            this.deadlineNanos = deadlineNanos;
        }
    }

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
    WebhookTls tls;

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
    private DeliveryQueue queue;
    private ScheduledFuture<?> watchdog;
    /** Attempts under way, for the watchdog. */
    private final Set<InFlight> inFlightAttempts = ConcurrentHashMap.newKeySet();
    /** Successful attempts not yet recorded; recorded together, a batch at a time. */
    private final Queue<WebhookAttempt> succeeded = new ConcurrentLinkedQueue<>();
    /** Leased attempts this node will not make (no room, or it is stopping), handed back together: due again at once. */
    private final Queue<WebhookAttempt> toHandBack = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean recordingScheduled = new AtomicBoolean();
    /** Held while due rows are being leased: one lease at a time per node. */
    private final AtomicBoolean leasing = new AtomicBoolean();
    /** Whether more rows may be due than the last lease took. */
    private volatile boolean backlog;
    /** Whether the last lease failed; its failure is logged once, not every second. */
    private boolean leaseFailing;
    private volatile boolean stopped;

    @PostConstruct
    void start() {
        int threadCount = Math.max(1, concurrency);
        queue = new DeliveryQueue(threadCount);
        threads = Executors.newFixedThreadPool(threadCount, threadFactory);
        for (int i = 0; i < threadCount; i++) {
            threads.execute(this::makeAttempts);
        }
        watchdog = scheduler.scheduleAtFixedRate(this::cutOffLateAttempts, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Queues leased attempts; each starts as soon as a thread is free for it. When the queue has no
     * room for an attempt, or the node is stopping, the attempt is not queued but handed back, due
     * again at once, so an overloaded node's queue stays bounded and what it cannot take goes to the
     * next lease, on this node or another. When an attempt's lease would end before its answer is due,
     * the attempt is not made: the row comes due again when its lease ends. Either way nothing is sent
     * twice.
     */
    void submit(List<WebhookAttempt> attempts) {
        for (WebhookAttempt attempt : attempts) {
            if (stopped || !queue.offer(attempt)) {
                toHandBack.add(attempt);
                scheduleRecording();
            }
        }
    }

    /**
     * A sender thread's work: the queue's next attempt, until the node stops. What goes wrong with one
     * attempt ends that attempt, not the thread: its row comes due again when its lease ends.
     */
    private void makeAttempts() {
        try {
            for (WebhookAttempt attempt; (attempt = queue.take()) != null; ) {
                try {
                    if (clock.instant().plus(ATTEMPT_TIMEOUT).isBefore(attempt.leaseEnds())) {
                        record(attempt, attempt(attempt));
                    }
                    leaseMoreIfLow();
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.SEVERE, "Webhook delivery " + attempt.deliveryId() + " failed unexpectedly", e);
                } finally {
                    queue.finished(attempt);
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether this node's queue takes another of the developer's attempts now. */
    boolean hasRoomFor(String developerId) {
        return queue.hasRoomFor(developerId);
    }

    /** Rows were left due for want of room: they are leased as the queue runs low. */
    void leftDue() {
        backlog = true;
        leaseMoreIfLow();
    }

    /** The retry timer's round, every second: leases what is due, as much as there is room for. */
    void sendDue() {
        if (leasing.compareAndSet(false, true)) {
            leaseAndSubmit();
        }
    }

    /** While a backlog lasts, leases more as soon as less than one round of attempts is waiting. */
    private void leaseMoreIfLow() {
        if (backlog && !stopped && queue.waiting() <= Math.max(1, concurrency) && leasing.compareAndSet(false, true)) {
            try {
                scheduler.execute(this::leaseAndSubmit);
            } catch (RejectedExecutionException stopping) {
                leasing.set(false);
            }
        }
    }

    /** Runs holding {@link #leasing}, and lets go of it. */
    private void leaseAndSubmit() {
        try {
            DeliveryQueue.LeaseRoom room = queue.leaseRoom();
            if (room.rows() > 0) {
                List<WebhookAttempt> leased = deliveries.leaseDue(room.rows(), room.leftOut());
                // The developers left out may have rows due: they are leased as the queue runs low.
                backlog = leased.size() == room.rows() || !room.leftOut().isEmpty();
                leaseFailing = false;
                submit(leased);
            }
        } catch (RuntimeException e) {
            backlog = false;
            if (!leaseFailing) {
                LOG.warning("Cannot lease due webhook deliveries (" + e + "); trying again every second");
                leaseFailing = true;
            }
        } finally {
            leasing.set(false);
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
        byte[] body = attempt.payload().getBytes(StandardCharsets.UTF_8);
        HttpURLConnection connection;
        try {
            // No proxy: a webhook goes straight to the address that was checked.
            connection = (HttpURLConnection) URI.create(attempt.url()).toURL().openConnection(Proxy.NO_PROXY);
            connection.setRequestMethod("POST");
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(describe(e));
        }
        if (connection instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(tls.socketFactory());
            // The JDK accepts a certificate that names the host, and asks this verifier about any
            // other: no exceptions. Liberty's default verifier accepted a certificate of the trusted
            // CA for another host (found by WebhooksIT, once each attempt trusted the CA).
            https.setHostnameVerifier((host, session) -> false);
        }
        int timeoutMillis = (int) ATTEMPT_TIMEOUT.toMillis();
        connection.setConnectTimeout(timeoutMillis);
        connection.setReadTimeout(timeoutMillis);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setRequestProperty("Accept", "*/*");
        connection.setRequestProperty("User-Agent", USER_AGENT);
        connection.setRequestProperty("X-Grantex-Signature", attempt.signature());
        connection.setRequestProperty("X-Grantex-Timestamp", Long.toString(timestamp));
        connection.setRequestProperty("X-Grantex-Signature-V2",
                WebhookSignatures.v2(attempt.secret(), timestamp, attempt.payload()));
        InFlight inFlight = new InFlight(connection, System.nanoTime() + ATTEMPT_TIMEOUT.toNanos());
        inFlightAttempts.add(inFlight);
        try {
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            if (inFlight.cutOff) {
                // Cut off after the status line, HttpURLConnection takes the closed socket for the
                // end of the headers and answers with that status.
                return new Outcome(NO_ANSWER);
            }
            dropBody(connection, status);
            return status / 100 == 2 ? Outcome.DELIVERED
                    : new Outcome("HTTP " + status + (status / 100 == 3 ? " (redirects are not followed)" : ""));
        } catch (IOException e) {
            connection.disconnect();
            return new Outcome(inFlight.cutOff ? NO_ANSWER : describe(e));
        } finally {
            inFlightAttempts.remove(inFlight);
        }
    }

    /** Closes the answer's body unread, which hands the connection back to the keep-alive cache. */
    private static void dropBody(HttpURLConnection connection, int status) {
        try {
            InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            if (answer != null) {
                answer.close();
            }
        } catch (IOException e) {
            connection.disconnect();
        }
    }

    /** Cuts off every attempt whose answer has not come within ATTEMPT_TIMEOUT, however it trickles. */
    private void cutOffLateAttempts() {
        long now = System.nanoTime();
        for (InFlight inFlight : inFlightAttempts) {
            if (now - inFlight.deadlineNanos > 0) {
                inFlight.cutOff = true;
                inFlight.connection.disconnect();
            }
        }
    }

    private void record(WebhookAttempt attempt, Outcome outcome) {
        if (outcome.error() == null) {
            succeeded.add(attempt);
            scheduleRecording();
            return;
        }
        try {
            deliveries.attemptFailed(attempt, outcome.error());
        } catch (RuntimeException e) {
            // The lease runs out and the attempt is made again: at least once, never lost.
            LOG.log(Level.WARNING, "Could not record the outcome of webhook delivery " + attempt.deliveryId(), e);
        }
    }

    /** Records what has gathered after GATHERING_MILLIS, unless a round is already due. */
    private void scheduleRecording() {
        if (recordingScheduled.compareAndSet(false, true)) {
            try {
                scheduler.schedule(this::recordGathered, GATHERING_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                recordGathered();
            }
        }
    }

    /**
     * Records the successes, and hands back the attempts this node will not make, that have gathered,
     * in batches until none are left. What comes after the flag is cleared schedules the next round;
     * two rounds at once take disjoint batches.
     */
    private void recordGathered() {
        recordingScheduled.set(false);
        drain(succeeded, deliveries::delivered, "Could not record successful webhook deliveries; their leases run out "
                + "and they are made again");
        if (drain(toHandBack, deliveries::handBack, "Could not hand back webhook deliveries this node will not make; "
                + "they are due again when their leases run out")) {
            leftDue();
        }
    }

    /** Passes the queue's attempts to {@code write} a batch at a time; true if there were any. */
    private static boolean drain(Queue<WebhookAttempt> queue, Consumer<List<WebhookAttempt>> write, String failure) {
        boolean any = false;
        List<WebhookAttempt> batch = new ArrayList<>();
        do {
            batch.clear();
            for (WebhookAttempt next; batch.size() < RECORDING_BATCH && (next = queue.poll()) != null; ) {
                batch.add(next);
            }
            if (!batch.isEmpty()) {
                any = true;
                try {
                    write.accept(batch);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, failure, e);
                }
            }
        } while (batch.size() == RECORDING_BATCH);
        return any;
    }

    private static String describe(Exception error) {
        if (error instanceof SocketTimeoutException) {
            return NO_ANSWER;
        }
        if (error instanceof ConnectException) {
            return "Connection refused or unreachable";
        }
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }

    /**
     * What succeeded before the stop is recorded now, rather than sent again once its lease ends, and
     * what had no room or was still waiting for a thread is handed back now, due at once for another
     * node, rather than left leased. Attempts under way are left to their leases: their receivers may
     * already have them.
     */
    void stop(@Observes(notifyObserver = Reception.IF_EXISTS) ApplicationStopping stopping) {
        stopped = true;
        watchdog.cancel(false);
        toHandBack.addAll(queue.close());
        threads.shutdownNow();
        recordGathered();
    }
}
