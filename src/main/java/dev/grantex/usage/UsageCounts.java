package dev.grantex.usage;

/** A developer's counts for one day (or part of one). */
record UsageCounts(long tokenExchanges, long authorizations, long verifications) {
    static final UsageCounts NONE = new UsageCounts(0, 0, 0);

    static UsageCounts of(long[] byMetric) {
        return new UsageCounts(byMetric[UsageMetric.TOKEN_EXCHANGES.ordinal()],
                byMetric[UsageMetric.AUTHORIZATIONS.ordinal()], byMetric[UsageMetric.VERIFICATIONS.ordinal()]);
    }

    long of(UsageMetric metric) {
        return switch (metric) {
            case TOKEN_EXCHANGES -> tokenExchanges;
            case AUTHORIZATIONS -> authorizations;
            case VERIFICATIONS -> verifications;
        };
    }

    UsageCounts plus(UsageCounts other) {
        return new UsageCounts(tokenExchanges + other.tokenExchanges, authorizations + other.authorizations,
                verifications + other.verifications);
    }

    boolean isEmpty() {
        return tokenExchanges == 0 && authorizations == 0 && verifications == 0;
    }

    /** The contract's totalRequests: the metered requests together. */
    long total() {
        return tokenExchanges + authorizations + verifications;
    }
}
