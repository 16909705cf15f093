package dev.grantex.sso;

import dev.grantex.platform.errors.ApiException;

/** The contract's SSO errors (§2.14): 400 for what the caller sent, 401 for bad LDAP credentials, 502 for the provider. */
final class SsoFailure {
    private SsoFailure() {
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "SSO_ERROR", message);
    }

    static ApiException provider(String message) {
        return new ApiException(502, "SSO_ERROR", message);
    }

    static ApiException credentials() {
        return new ApiException(401, "SSO_AUTH_FAILED", "Invalid username or password");
    }
}
