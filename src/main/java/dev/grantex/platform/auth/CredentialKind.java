package dev.grantex.platform.auth;

/**
 * The kinds of credential a route may require, each in {@code Authorization: Bearer <credential>}.
 * A route's annotation names its kind; a route without one requires an API key. An SSO session's
 * token is a PRINCIPAL_SESSION credential too (PrincipalSessionVerifier asks SingleSignOn).
 */
public enum CredentialKind {
    /** No credential (@PublicEndpoint). */
    NONE,
    /** A developer's API key: the default. */
    API_KEY,
    /** The operator's GRANTEX_ADMIN_API_KEY (@AdminEndpoint). */
    ADMIN_KEY,
    /** A principal-session token from POST /v1/principal-sessions (@PrincipalSessionEndpoint). */
    PRINCIPAL_SESSION,
    /** The operator's GRANTEX_METRICS_KEY, when one is set (@MetricsEndpoint). */
    METRICS_KEY,
    /** A developer's SCIM token from POST /v1/scim/tokens (@ScimEndpoint). */
    SCIM_TOKEN,
    /** An agent's live grant token, of whichever developer issued it (@GrantTokenEndpoint). */
    GRANT_TOKEN
}
