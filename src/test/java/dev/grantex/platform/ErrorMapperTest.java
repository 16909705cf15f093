package dev.grantex.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {
    @Test
    void constraintAndLockConflictsAreRetryableConflicts() {
        assertTrue(ErrorMapper.concurrentConflict(new IllegalStateException("commit failed",
                new SQLIntegrityConstraintViolationException("fk", "23503"))));
        assertTrue(ErrorMapper.concurrentConflict(new RuntimeException(new SQLException("lock timeout", "40XL1"))));
        assertTrue(ErrorMapper.concurrentConflict(new RuntimeException(new SQLException("deadlock", "40P01"))));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(ErrorMapper.concurrentConflict(new RuntimeException(new SQLException("refused", "08001"))));
        assertFalse(ErrorMapper.concurrentConflict(new RuntimeException(new SQLException("no state"))));
        assertFalse(ErrorMapper.concurrentConflict(new NullPointerException()));
    }
}
