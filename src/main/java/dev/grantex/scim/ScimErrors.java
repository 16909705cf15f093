package dev.grantex.scim;

import dev.grantex.platform.errors.ApiException;

/**
 * SCIM's errors (RFC 7644 §3.12) as ApiExceptions whose code is the scimType; on /scim/v2 the error
 * mapper writes them in the SCIM error schema.
 */
final class ScimErrors {
    private ScimErrors() {
    }

    static ApiException invalidValue(String detail) {
        return new ApiException(400, "invalidValue", detail);
    }

    static ApiException invalidFilter(String detail) {
        return new ApiException(400, "invalidFilter", detail);
    }

    static ApiException invalidSyntax(String detail) {
        return new ApiException(400, "invalidSyntax", detail);
    }

    static ApiException noTarget(String detail) {
        return new ApiException(404, "noTarget", detail);
    }

    static ApiException uniqueness(String detail) {
        return new ApiException(409, "uniqueness", detail);
    }

    static ApiException preconditionFailed(String detail) {
        return new ApiException(412, "PRECONDITION_FAILED", detail);
    }

    static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", detail);
    }
}
