package dev.grantex.compliance;

import dev.grantex.audit.AuditEntry;
import dev.grantex.grants.Grant;
import dev.grantex.grants.GrantService;
import dev.grantex.platform.Timestamps;
import java.time.Instant;
import java.util.List;

/**
 * The columns of the exports, in one place for both formats. An audit entry has the fields of
 * GET /v1/audit/entries; a grant those of the contract's grants export, plus the parent grant of a
 * delegated one, so that a delegation tree can be rebuilt from the export alone, and the passkey
 * check of its consent.
 */
final class ExportColumns {
    static final List<Column<AuditEntry>> AUDIT_ENTRIES = List.of(
            new Column<>("entryId", AuditEntry::id),
            new Column<>("agentId", AuditEntry::agentId),
            new Column<>("agentDid", AuditEntry::agentDid),
            new Column<>("grantId", AuditEntry::grantId),
            new Column<>("principalId", AuditEntry::principalId),
            new Column<>("developerId", AuditEntry::developerId),
            new Column<>("action", AuditEntry::action),
            new Column<>("metadata", e -> new Column.RawJson(e.metadata())),
            new Column<>("hash", AuditEntry::hash),
            new Column<>("prevHash", AuditEntry::prevHash),
            new Column<>("timestamp", e -> Timestamps.format(e.timestamp())),
            new Column<>("status", AuditEntry::status));

    private ExportColumns() {
    }

    /** The grant columns; a grant active but past its expiry at {@code now} is reported "expired". */
    static List<Column<Grant>> grants(Instant now) {
        return List.of(
                new Column<>("grantId", Grant::id),
                new Column<>("agentId", Grant::agentId),
                new Column<>("principalId", Grant::principalId),
                new Column<>("developerId", Grant::developerId),
                new Column<>("scopes", Grant::scopes),
                new Column<>("status", g -> GrantService.reportedStatus(g, now)),
                new Column<>("issuedAt", g -> Timestamps.format(g.issuedAt())),
                new Column<>("expiresAt", g -> Timestamps.format(g.expiresAt())),
                new Column<>("revokedAt", g -> Timestamps.format(g.revokedAt())),
                new Column<>("delegationDepth", Grant::delegationDepth),
                new Column<>("parentGrantId", Grant::parentGrantId),
                new Column<>("fidoVerified", g -> g.fido().verified()),
                new Column<>("fidoCredentialId", g -> g.fido().credentialId()));
    }
}
