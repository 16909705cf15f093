package dev.grantex.events;

import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * One connected stream client (SSE or WebSocket). Events are queued and sent one at a time without
 * blocking whoever offered them, so a commit never waits for a client. A client that lets its queue
 * fill up, or does not take a message within the send timeout, is disconnected.
 */
public abstract class StreamSubscriber {
    private static final Logger LOG = Logger.getLogger(StreamSubscriber.class.getName());
    /** Queued messages a client may fall behind by before it is dropped. */
    static final int MAX_QUEUED = 500;
    static final long SEND_TIMEOUT_MILLIS = 10_000;
    /** Queued in place of a message when a keep-alive is due. */
    private static final Object KEEP_ALIVE = new Object();

    private final String developerId;
    private volatile EventTypeFilter filter;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long sendingSince;

    protected StreamSubscriber(String developerId, EventTypeFilter filter) {
        this.developerId = developerId;
        this.filter = filter;
    }

    public String developerId() {
        return developerId;
    }

    public void filter(EventTypeFilter filter) {
        this.filter = filter;
    }

    /** Queues the event if the client wants its type; never blocks. */
    void offer(EventEnvelope event) {
        if (filter.accepts(event.type())) {
            enqueue(event.json());
        }
    }

    /** Queues a keep-alive (an SSE comment or a WebSocket ping), and drops a client stuck on a send. */
    void keepAlive(long now) {
        if (sending.get() && now - sendingSince > SEND_TIMEOUT_MILLIS) {
            drop("did not take a message within " + SEND_TIMEOUT_MILLIS / 1000 + " s");
            return;
        }
        enqueue(KEEP_ALIVE);
    }

    boolean closed() {
        return closed.get();
    }

    private void enqueue(Object message) {
        if (closed.get()) {
            return;
        }
        if (queued.incrementAndGet() > MAX_QUEUED) {
            drop("fell " + MAX_QUEUED + " messages behind");
            return;
        }
        queue.add(message);
        pump();
    }

    /** Sends the next queued message unless one is on its way; the completion of each send starts the next. */
    private void pump() {
        while (!closed.get() && sending.compareAndSet(false, true)) {
            Object next = queue.poll();
            if (next == null) {
                sending.set(false);
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            queued.decrementAndGet();
            sendingSince = System.currentTimeMillis();
            CompletionStage<?> sent;
            try {
                sent = next == KEEP_ALIVE ? sendKeepAlive() : send((String) next);
            } catch (RuntimeException e) {
                close();
                return;
            }
            sent.whenComplete((ignored, error) -> {
                if (error != null) {
                    close();
                } else {
                    sending.set(false);
                    pump();
                }
            });
            return;
        }
    }

    private void drop(String why) {
        LOG.info("Dropping a slow event stream client of developer " + developerId + ": it " + why);
        close();
    }

    /** Ends the connection (idempotent); the subclass closes its transport. */
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            closeTransport();
        }
    }

    protected abstract CompletionStage<?> send(String json);

    protected abstract CompletionStage<?> sendKeepAlive();

    protected abstract void closeTransport();
}
