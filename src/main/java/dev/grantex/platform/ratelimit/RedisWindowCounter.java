package dev.grantex.platform.ratelimit;

import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;

/** Window counters in Redis: INCR and EXPIRE in one round trip, keys ratelimit:&lt;key&gt;:&lt;window&gt;. */
public class RedisWindowCounter implements WindowCounter {
    private final JedisPooled redis;

    public RedisWindowCounter(JedisPooled redis) {
        this.redis = redis;
    }

    @Override
    public long increment(String key, long window, int windowSeconds) {
        String redisKey = "ratelimit:" + key + ":" + window;
        try (Pipeline pipeline = redis.pipelined()) {
            Response<Long> count = pipeline.incr(redisKey);
            pipeline.expire(redisKey, windowSeconds + 1L);
            pipeline.sync();
            return count.get();
        } catch (JedisException e) {
            throw new CounterUnavailableException(e);
        }
    }
}
