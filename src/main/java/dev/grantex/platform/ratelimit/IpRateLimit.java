package dev.grantex.platform.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A per-client-IP limit, in requests per minute, applied before authentication; a method's wins over its class's. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface IpRateLimit {
    /** Names the bucket, so different routes count separately; also the key of its limit's setting. */
    String bucket();

    int perMinute();
}
