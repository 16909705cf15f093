package dev.grantex.platform.auth;

/**
 * Checks one kind of credential. Each feature that issues credentials implements it as a CDI bean;
 * {@link Authentication} picks the one for the route's kind.
 */
public interface CredentialVerifier {
    CredentialKind kind();

    /**
     * Checks the request's Authorization header (null when absent) and records who it names in the
     * request's context; throws the ApiException to answer otherwise (401, or 503 when the kind is
     * switched off). Each kind reads the header as the contract says (§1.1): API keys with a
     * case-insensitive "Bearer", principal sessions with exactly "Bearer ", the admin key as the
     * whole header.
     */
    void authenticate(String authorizationHeader);
}
