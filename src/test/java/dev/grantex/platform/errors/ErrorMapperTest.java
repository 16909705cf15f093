package dev.grantex.platform.errors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
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

    @Test
    void anUnreachableOrSilentDatabaseIsUnavailable() {
        assertTrue(ErrorMapper.databaseUnavailable(new RuntimeException(new SQLException("refused", "08001"))));
        assertTrue(ErrorMapper.databaseUnavailable(new RuntimeException(new SQLException("I/O error", "08006"))));
        assertTrue(ErrorMapper.databaseUnavailable(new RuntimeException(new SQLException("shutting down", "57P01"))));
        assertTrue(ErrorMapper.databaseUnavailable(new RuntimeException(new SQLException("statement timeout", "57014"))));
        assertTrue(ErrorMapper.databaseUnavailable(new IllegalStateException(new SQLTransientConnectionException("pool wait"))));
        assertFalse(ErrorMapper.databaseUnavailable(new RuntimeException(new SQLException("fk", "23503"))));
        assertFalse(ErrorMapper.databaseUnavailable(new RuntimeException(new SQLException("no state"))));
        assertFalse(ErrorMapper.databaseUnavailable(new NullPointerException()));
    }
}
