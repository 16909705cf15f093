package dev.grantex.policies;

/** A policy engine could not decide (OPA unreachable, late or answering nonsense; Cedar failing). */
class PolicyBackendFailure extends RuntimeException {
    private final String engine;

    PolicyBackendFailure(String engine, String message) {
        super(message);
        this.engine = engine;
    }

    String engine() {
        return engine;
    }
}
