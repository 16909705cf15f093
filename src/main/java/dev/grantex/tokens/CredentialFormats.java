package dev.grantex.tokens;

import dev.grantex.platform.errors.ApiException;

/** The credentialFormat a client may ask for: only plain JWT grant tokens until verifiable credentials exist. */
public final class CredentialFormats {
    private CredentialFormats() {
    }

    public static void requireSupported(String credentialFormat) {
        if (credentialFormat != null && !"jwt".equals(credentialFormat)) {
            throw ApiException.badRequest("credentialFormat must be \"jwt\"; verifiable credentials are not available yet");
        }
    }
}
