package dev.grantex.platform.errors;

/** The contract's error envelope, sent for every error outside SCIM. */
public record ErrorBody(String message, String code, String requestId) {
}
