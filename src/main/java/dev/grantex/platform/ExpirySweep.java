package dev.grantex.platform;

import java.time.Instant;

/**
 * CDI event of the expiry sweep: each feature marks what expired before {@code now} and removes
 * finished rows older than {@code purgeBefore} (GRANTEX_RETENTION_DAYS). Each observer runs in a
 * transaction of its own.
 */
public record ExpirySweep(Instant now, Instant purgeBefore) {
}
