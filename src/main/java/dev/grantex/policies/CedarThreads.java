package dev.grantex.policies;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The few threads, one per core, on which all of cedar-java's native work runs (parsing a bundle,
 * compiling it, deciding); the calling thread waits for the answer.
 * <ul>
 * <li>Profiled under the authorize benchmark, a decision made on whichever of the server's dozens of
 * request threads took about five times the CPU of the same decision repeated on one thread:
 * cedar-java's native library makes many small allocations and walks its policy trees, and both are
 * cold in a thread that decides only now and then.
 * <li>The native library recurses with frames of about 15 KB per level of an expression: on a
 * request thread's 1 MB stack, a policy of 70 nested parentheses killed the JVM. These threads
 * have {@link #STACK_BYTES}, reserved but touched only as used, and {@link CedarTextBounds} keeps
 * every accepted text well within it.
 * </ul>
 * They are plain threads, not the container's managed ones (whose stack size cannot be chosen):
 * the work they run needs no container context.
 */
@ApplicationScoped
class CedarThreads {
    static final long STACK_BYTES = 128L * 1024 * 1024;

    private ExecutorService executor;

    @PostConstruct
    void start() {
        ClassLoader application = CedarThreads.class.getClassLoader();
        AtomicInteger made = new AtomicInteger();
        ThreadFactory deep = work -> {
            Thread thread = new Thread(null, work, "grantex-cedar-" + made.incrementAndGet(), STACK_BYTES);
            thread.setDaemon(true);
            thread.setContextClassLoader(application);
            return thread;
        };
        executor = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), deep);
    }

    /** Work already queued is still done: its callers are waiting for it. */
    @PreDestroy
    void stop() {
        executor.shutdown();
    }

    /** The work's result, made on a Cedar thread; what it throws is thrown here. */
    <T> T call(Supplier<T> work) {
        try {
            return executor.submit(work::get).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new PolicyBackendFailure(CedarBundle.ENGINE, "Cedar could not decide: " + e.getCause());
        } catch (RejectedExecutionException e) {
            throw new PolicyBackendFailure(CedarBundle.ENGINE, "Cedar is stopping with the application");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolicyBackendFailure(CedarBundle.ENGINE, "Interrupted while Cedar decided");
        }
    }
}
