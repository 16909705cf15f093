package dev.grantex.audit;

import dev.grantex.platform.Caller;
import java.util.concurrent.CompletableFuture;

/**
 * An entry validated and waiting to be written: the record (with its status settled), its metadata in
 * the canonical form that will be hashed, and where its outcome goes once its transaction committed.
 */
record PendingAppend(Caller caller, AuditRecord record, String metadata, CompletableFuture<AuditEntry> outcome) {
    PendingAppend(Caller caller, AuditRecord record, String metadata) {
        this(caller, record, metadata, new CompletableFuture<>());
    }
}
