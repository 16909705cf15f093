package dev.grantex.grants;

/**
 * Whether a passkey assertion verified the principal before consent, and which passkey
 * ({@code cred_…}) it was. A delegated grant carries its parent's: it rests on the same consent.
 */
public record FidoConsent(boolean verified, String credentialId) {
}
