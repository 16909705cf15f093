package dev.grantex.platform;

/** The contract's generic status-to-code mapping for errors that carry no code of their own. */
public final class ErrorCodes {
    private ErrorCodes() {
    }

    public static String forStatus(int status) {
        return switch (status) {
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 422 -> "VALIDATION_ERROR";
            default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
    }
}
