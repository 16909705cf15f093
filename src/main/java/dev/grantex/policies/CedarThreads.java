package dev.grantex.policies;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The few threads, one per core, on which Cedar decides; the request thread waits for the answer.
 * Profiled under the authorize benchmark, a decision made on whichever of the server's dozens of
 * request threads took about five times the CPU of the same decision repeated on one thread:
 * cedar-java's native library makes many small allocations and walks its policy trees, and both are
 * cold in a thread that decides only now and then.
 */
@ApplicationScoped
class CedarThreads {
    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threadFactory;

    private ExecutorService executor;

    @PostConstruct
    void start() {
        executor = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), threadFactory);
    }

    /** Decisions already queued are still made: their requests are waiting for them. */
    @PreDestroy
    void stop() {
        executor.shutdown();
    }

    <T> T decide(Supplier<T> decision) {
        try {
            return executor.submit(decision::get).get();
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
