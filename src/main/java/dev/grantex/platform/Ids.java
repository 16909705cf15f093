package dev.grantex.platform;

import com.github.f4b6a3.ulid.UlidCreator;

/** Identifiers of the form prefix_ULID (time-ordered, 26 upper-case Crockford base32 characters). */
public final class Ids {
    private Ids() {
    }

    public static String newId(String prefix) {
        return prefix + "_" + UlidCreator.getMonotonicUlid();
    }
}
