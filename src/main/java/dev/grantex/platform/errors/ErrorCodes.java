package dev.grantex.platform.errors;

/** The contract's generic status-to-code mapping, and messages, for errors that carry neither of their own. */
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

    public static String defaultMessage(int status) {
        return switch (status) {
            case 404 -> "Route not found";
            case 405 -> "Method not allowed on this route";
            case 406 -> "This route only produces application/json";
            case 413 -> "Request body too large";
            case 415 -> "Unsupported media type: send application/json";
            default -> status >= 500 ? "An unexpected error occurred" : "Bad request";
        };
    }
}
