package dev.grantex.platform.errors;

/**
 * An {@link ApiException} carried as a checked exception through Liberty's transaction interceptor,
 * which writes an FFDC incident for every runtime exception that passes it but none for checked
 * ones. {@link RefusalCarrier} wraps it inside the transaction, {@link RefusalUnwrapper} unwraps it
 * outside, so no code ever sees this type.
 */
final class RefusalInTransit extends Exception {
    private final ApiException refusal;

    RefusalInTransit(ApiException refusal) {
        super(null, null, false, false);
        this.refusal = refusal;
    }

    ApiException refusal() {
        return refusal;
    }
}
