package dev.grantex.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cedar decides on its own threads, and what goes wrong there reaches the request unchanged. */
class CedarThreadsTest {
    private final CedarThreads threads = new CedarThreads();

    @BeforeEach
    void start() {
        threads.threadFactory = new ManagedThreadFactory() {
            @Override
            public Thread newThread(Runnable task) {
                Thread thread = new Thread(task, "cedar-test");
                thread.setDaemon(true);
                return thread;
            }

            @Override
            public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
                throw new UnsupportedOperationException("not used by CedarThreads");
            }
        };
        threads.start();
    }

    @AfterEach
    void stop() {
        threads.stop();
    }

    @Test
    void theDecisionIsMadeOnACedarThreadAndItsAnswerReturned() {
        assertEquals("cedar-test", threads.decide(() -> Thread.currentThread().getName()));
    }

    @Test
    void afterTheStopADecisionIsABackendFailure() {
        threads.stop();
        PolicyBackendFailure failure = assertThrows(PolicyBackendFailure.class, () -> threads.decide(() -> "late"));
        assertEquals(CedarBundle.ENGINE, failure.engine());
    }

    @Test
    void aFailureOfTheDecisionReachesTheCallerUnchanged() {
        PolicyBackendFailure failure = new PolicyBackendFailure(CedarBundle.ENGINE, "the library failed");
        assertSame(failure, assertThrows(PolicyBackendFailure.class, () -> threads.decide(() -> {
            throw failure;
        })));
    }
}
