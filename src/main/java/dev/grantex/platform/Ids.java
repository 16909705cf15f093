package dev.grantex.platform;

import com.github.f4b6a3.ulid.Ulid;
import dev.grantex.platform.crypto.RandomBytes;
import java.time.Instant;

/**
 * Identifiers of the form prefix_ULID: 26 upper-case Crockford base32 characters, ordered by their
 * millisecond, with 80 random bits from SecureRandom. The random part is fresh for every id (no
 * monotonic counting within a millisecond), because some ids are capabilities: whoever knows an
 * authorization request's id can answer its consent page.
 */
public final class Ids {
    private Ids() {
    }

    public static String newId(String prefix) {
        return prefix + "_" + newUlid();
    }

    /** A ULID alone, for identifiers of another form (such as a passport's URN). */
    public static String newUlid() {
        return new Ulid(System.currentTimeMillis(), RandomBytes.of(Ulid.RANDOM_BYTES)).toString();
    }

    /** The smallest id of the prefix that a moment can have: ids from it on were made at that moment or later. */
    public static String lowestAt(String prefix, Instant moment) {
        return prefix + "_" + new Ulid(moment.toEpochMilli(), new byte[Ulid.RANDOM_BYTES]);
    }
}
