package dev.grantex.usage;

import java.util.List;

/** The JSON shapes of usage: today's counts and the daily history. */
public final class UsageViews {
    private UsageViews() {
    }

    public record UsageView(String developerId, String period, long tokenExchanges, long authorizations,
                            long verifications, long totalRequests) {
    }

    /** {@code date} is the day's midnight UTC in the contract's timestamp form, as the reference writes it. */
    public record UsageEntry(String date, long tokenExchanges, long authorizations, long verifications,
                             long totalRequests) {
    }

    public record UsageHistory(String developerId, int days, List<UsageEntry> entries) {
    }
}
