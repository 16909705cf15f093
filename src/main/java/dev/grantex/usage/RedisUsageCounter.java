package dev.grantex.usage;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * The counts shared by every node, in the contract's keys {@code usage:<developer>:<metric>:<day>}
 * (kept 48 hours), with the day's developers in the set {@code usage:developers:<day>} so that the
 * rollup finds them without scanning the key space.
 */
final class RedisUsageCounter implements UsageCounter {
    private static final long TTL_SECONDS = 48 * 3600;

    private final JedisPooled redis;

    RedisUsageCounter(JedisPooled redis) {
        this.redis = redis;
    }

    private static String key(String developerId, UsageMetric metric, LocalDate day) {
        return "usage:" + developerId + ":" + metric.key() + ":" + day;
    }

    private static String developers(LocalDate day) {
        return "usage:developers:" + day;
    }

    @Override
    public void add(LocalDate day, Map<String, UsageCounts> byDeveloper) {
        try (Pipeline pipeline = redis.pipelined()) {
            byDeveloper.forEach((developer, counts) -> {
                for (UsageMetric metric : UsageMetric.values()) {
                    if (counts.of(metric) > 0) {
                        pipeline.incrBy(key(developer, metric, day), counts.of(metric));
                        pipeline.expire(key(developer, metric, day), TTL_SECONDS);
                    }
                }
                pipeline.sadd(developers(day), developer);
            });
            pipeline.expire(developers(day), TTL_SECONDS);
            pipeline.sync();
        }
    }

    @Override
    public UsageCounts read(String developerId, LocalDate day) {
        List<String> values = redis.mget(key(developerId, UsageMetric.TOKEN_EXCHANGES, day),
                key(developerId, UsageMetric.AUTHORIZATIONS, day), key(developerId, UsageMetric.VERIFICATIONS, day));
        long[] counts = new long[UsageMetric.values().length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = values.get(i) == null ? 0 : Long.parseLong(values.get(i));
        }
        return UsageCounts.of(counts);
    }

    @Override
    public Map<String, UsageCounts> take(LocalDate day) {
        Map<String, List<Response<String>>> pending = new HashMap<>();
        try (Pipeline pipeline = redis.pipelined()) {
            for (String developer : redis.smembers(developers(day))) {
                pending.put(developer, List.of(UsageMetric.values()).stream()
                        .map(metric -> pipeline.getDel(key(developer, metric, day))).toList());
            }
            pipeline.sync();
        }
        Map<String, UsageCounts> taken = new HashMap<>();
        pending.forEach((developer, responses) -> {
            long[] counts = new long[responses.size()];
            for (int i = 0; i < counts.length; i++) {
                String value = responses.get(i).get();
                counts[i] = value == null ? 0 : Long.parseLong(value);
            }
            UsageCounts total = UsageCounts.of(counts);
            if (!total.isEmpty()) {
                taken.put(developer, total);
            }
        });
        return taken;
    }
}
