package dev.grantex.audit;

import dev.grantex.platform.Caller;
import java.util.concurrent.CompletableFuture;

/**
 * An entry validated and waiting to be written: the record (with its status settled), its metadata in
 * the canonical form that will be hashed, whether the plan's quota of entries applies to it (not to
 * what the server records of its own decisions), and where its outcome goes once its transaction
 * committed.
 */
record PendingAppend(Caller caller, AuditRecord record, String metadata, boolean counted,
                     CompletableFuture<AuditEntry> outcome) {
    PendingAppend(Caller caller, AuditRecord record, String metadata, boolean counted) {
        this(caller, record, metadata, counted, new CompletableFuture<>());
    }
}
