package dev.grantex.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cedar's work runs on its own deep-stacked threads, and what goes wrong there reaches the caller unchanged. */
class CedarThreadsTest {
    private final CedarThreads threads = new CedarThreads();

    @BeforeEach
    void start() {
        threads.start();
    }

    @AfterEach
    void stop() {
        threads.stop();
    }

    @Test
    void theWorkIsDoneOnACedarThreadAndItsAnswerReturned() {
        assertTrue(threads.call(() -> Thread.currentThread().getName()).startsWith("grantex-cedar-"));
    }

    /** Far deeper than a 1 MB stack takes (a few tens of thousands of such calls). */
    @Test
    void aCedarThreadHasADeepStack() {
        assertEquals(300_000, threads.call(() -> depth(300_000)));
    }

    private static int depth(int remaining) {
        return remaining == 0 ? 0 : 1 + depth(remaining - 1);
    }

    @Test
    void afterTheStopWorkIsABackendFailure() {
        threads.stop();
        PolicyBackendFailure failure = assertThrows(PolicyBackendFailure.class, () -> threads.call(() -> "late"));
        assertEquals(CedarBundle.ENGINE, failure.engine());
    }

    @Test
    void aFailureOfTheWorkReachesTheCallerUnchanged() {
        PolicyBackendFailure failure = new PolicyBackendFailure(CedarBundle.ENGINE, "the library failed");
        assertSame(failure, assertThrows(PolicyBackendFailure.class, () -> threads.call(() -> {
            throw failure;
        })));
    }
}
