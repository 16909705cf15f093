package dev.grantex.policies;

/** CDI event, fired in the transaction that created, changed or removed a developer's policy. */
record PoliciesChanged(String developerId) {
}
