package dev.grantex.platform.errors;

import java.util.List;

/**
 * SCIM's error schema (RFC 7644 §3.12), sent for every error under /scim/v2. An ApiException's code
 * that is a scimType (invalidFilter, uniqueness, …) is sent as one; otherwise the status's usual one.
 */
public record ScimErrorBody(List<String> schemas, String detail, String scimType, int status) {
    private static final String PATH_PREFIX = "scim/v2";
    static final String MEDIA_TYPE = "application/scim+json";
    private static final List<String> SCHEMAS = List.of("urn:ietf:params:scim:api:messages:2.0:Error");

    /** A request path relative to the application, with or without its leading slash. */
    static boolean isScimPath(String path) {
        return (path.startsWith("/") ? path.substring(1) : path).startsWith(PATH_PREFIX);
    }

    static ScimErrorBody of(int status, String code, String detail) {
        boolean scimType = code != null && !code.isEmpty() && Character.isLowerCase(code.charAt(0));
        return new ScimErrorBody(SCHEMAS, detail, scimType ? code : forStatus(status), status);
    }

    private static String forStatus(int status) {
        return switch (status) {
            case 400 -> "invalidValue";
            case 401 -> "unauthorized";
            case 404 -> "noTarget";
            case 409 -> "uniqueness";
            default -> null;
        };
    }
}
