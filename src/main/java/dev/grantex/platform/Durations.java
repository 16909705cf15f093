package dev.grantex.platform;

import dev.grantex.platform.errors.ApiException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The protocol's expiresIn form: one positive integer and one unit, s, m, h or d ("24h", "90m"). */
public final class Durations {
    /** Long enough for any grant, short enough that every expiry is a date clients can parse. */
    private static final Duration MAX = Duration.ofDays(36_500);
    private static final Pattern FORMAT = Pattern.compile("^(\\d{1,9})([smhd])$");

    private Durations() {
    }

    public static Duration parseExpiresIn(String value) {
        Duration duration = parse(value);
        if (duration.compareTo(MAX) > 0) {
            throw ApiException.badRequest("expiresIn must be at most " + MAX.toDays() + "d");
        }
        return duration;
    }

    /** An expiresIn where a longer one is shortened to {@code ceiling} rather than refused. */
    public static Duration parseExpiresInUpTo(String value, Duration ceiling) {
        Duration duration = parse(value);
        return duration.compareTo(ceiling) > 0 ? ceiling : duration;
    }

    private static Duration parse(String value) {
        Matcher m = value == null ? null : FORMAT.matcher(value);
        if (m == null || !m.matches()) {
            throw ApiException.badRequest("expiresIn must be a positive integer followed by s, m, h or d (e.g. \"24h\")");
        }
        long amount = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (duration.isZero()) {
            throw ApiException.badRequest("expiresIn must be greater than zero");
        }
        return duration;
    }
}
