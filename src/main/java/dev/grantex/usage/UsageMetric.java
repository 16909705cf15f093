package dev.grantex.usage;

/** What usage metering counts, with the name each count has in Redis keys and in the database. */
public enum UsageMetric {
    TOKEN_EXCHANGES("token_exchanges"),
    AUTHORIZATIONS("authorizations"),
    VERIFICATIONS("verifications");

    private final String key;

    UsageMetric(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
