package dev.grantex.platform;

import java.io.IOException;

/** Thrown while reading a request body that exceeds the configured limit; mapped to 413. */
public class BodyTooLargeException extends IOException {
    public BodyTooLargeException(long limit) {
        super("Request body exceeds the limit of " + limit + " bytes");
    }
}
