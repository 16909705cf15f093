package dev.grantex.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A per-client-IP limit, in requests per minute, applied before authentication. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface IpRateLimit {
    /** Names the bucket, so different routes count separately. */
    String bucket();

    int perMinute();
}
