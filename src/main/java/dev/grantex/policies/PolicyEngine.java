package dev.grantex.policies;

import dev.grantex.authorization.AuthorizationPolicy;
import dev.grantex.events.EventRelay;
import dev.grantex.events.NodeSignal;
import dev.grantex.platform.errors.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The policy backend the operator chose ({@code GRANTEX_POLICY_BACKEND}): the built-in policies; a
 * developer's active Cedar bundle, evaluated in-process (developers without one keep their built-in
 * policies); or the organisation's OPA. A backend that fails to decide denies, unless
 * {@code GRANTEX_POLICY_FALLBACK_TO_BUILTIN} lets the built-in policies decide instead.
 */
@ApplicationScoped
public class PolicyEngine implements AuthorizationPolicy {
    enum Backend { BUILTIN, CEDAR, OPA }

    private static final Logger LOG = Logger.getLogger(PolicyEngine.class.getName());
    private static final String CHANGED_SIGNAL = "policies-changed";
    private static final long FAILURE_LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

    @Inject
    @ConfigProperty(name = "grantex.policy.backend", defaultValue = "builtin")
    String backendName;

    @Inject
    @ConfigProperty(name = "grantex.policy.fallback-to-builtin", defaultValue = "false")
    boolean fallbackToBuiltIn;

    @Inject
    @ConfigProperty(name = "grantex.opa.url")
    Optional<String> opaUrl;

    @Inject
    @ConfigProperty(name = "grantex.opa.timeout-millis", defaultValue = "5000")
    long opaTimeoutMillis;

    @Inject
    BuiltInPolicies builtIn;

    @Inject
    PolicyBundleService bundles;

    @Inject
    Clock clock;

    @Inject
    EventRelay relay;

    @Inject
    CedarThreads cedarThreads;

    private Backend backend;
    private OpaClient opa;
    private DeveloperMemo<Optional<CedarBundle>> cedarBundles;
    private final AtomicLong lastFailureLogged = new AtomicLong(System.nanoTime() - FAILURE_LOG_INTERVAL_NANOS);

    @PostConstruct
    void init() {
        try {
            backend = Backend.valueOf(backendName.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("GRANTEX_POLICY_BACKEND must be builtin, cedar or opa, not " + backendName);
        }
        if (backend == Backend.OPA) {
            if (opaUrl.isEmpty() || opaUrl.get().isBlank()) {
                throw new IllegalStateException("GRANTEX_POLICY_BACKEND=opa needs GRANTEX_OPA_URL");
            }
            if (opaTimeoutMillis < 1 || opaTimeoutMillis > 60_000) {
                throw new IllegalStateException("GRANTEX_OPA_TIMEOUT_MILLIS must be from 1 to 60000");
            }
            opa = new OpaClient(opaUrl.get().trim(), Duration.ofMillis(opaTimeoutMillis));
        }
        if (backend == Backend.CEDAR && CedarLibrary.problem().isPresent()) {
            // Not fatal: developers without a Cedar bundle are served as before; those with one are
            // denied (or decided by the built-in policies with the fallback) until the library loads.
            LOG.severe("GRANTEX_POLICY_BACKEND=cedar, but " + CedarLibrary.problem().get());
        }
        cedarBundles = new DeveloperMemo<>(this::loadCedarBundle);
        LOG.info("Policy backend: " + backend.name().toLowerCase(Locale.ROOT)
                + (fallbackToBuiltIn ? ", built-in policies when it fails" : ""));
    }

    /** Creates the bean while the application starts, so that a wrong setting stops the start. */
    void startWithTheApplication(@Observes Startup startup) {
        // Observing is enough: the container creates the bean to deliver the event.
    }

    @Override
    public Optional<Verdict> decide(Question question) {
        try {
            return switch (backend) {
                case BUILTIN -> builtIn.decide(question);
                case CEDAR -> {
                    Optional<CedarBundle> bundle = cedarBundles.get(question.developerId());
                    Instant now = clock.instant();
                    yield bundle.isPresent() ? cedarThreads.call(() -> bundle.get().decide(question, now))
                            : builtIn.decide(question);
                }
                case OPA -> opa.decide(question, clock.instant());
            };
        } catch (PolicyBackendFailure failure) {
            logFailure(failure);
            return fallbackToBuiltIn ? builtIn.decide(question)
                    : Optional.of(new Verdict(Decision.DENY, failure.engine(), failure.engine(), failure.getMessage()));
        }
    }

    /** Keeps the compiled bundle while the active one stays the same; compiles a newly activated one. */
    private Optional<CedarBundle> loadCedarBundle(String developerId, Optional<CedarBundle> previous) {
        Optional<String> activeId = bundles.activeCedarId(developerId);
        if (activeId.isEmpty()) {
            return Optional.empty();
        }
        CedarLibrary.problem().ifPresent(problem -> {
            throw new PolicyBackendFailure(CedarBundle.ENGINE, "Cedar is not available on this server: " + problem);
        });
        if (previous != null && previous.isPresent() && previous.get().bundleId().equals(activeId.get())) {
            return previous;
        }
        try {
            return Optional.of(bundles.compileCedar(activeId.get()));
        } catch (ApiException e) {
            throw new PolicyBackendFailure(CedarBundle.ENGINE, "The active Cedar bundle does not compile: " + e.getMessage());
        }
    }

    /** An engine that keeps failing is logged once every ten seconds, not on every request. */
    private void logFailure(PolicyBackendFailure failure) {
        long last = lastFailureLogged.get();
        long now = System.nanoTime();
        if (now - last >= FAILURE_LOG_INTERVAL_NANOS && lastFailureLogged.compareAndSet(last, now)) {
            LOG.warning("Policy backend " + failure.engine() + " failed: " + failure.getMessage()
                    + (fallbackToBuiltIn ? "; the built-in policies decide" : "; denying"));
        }
    }

    void forgetChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PoliciesChanged changed) {
        forget(changed.developerId());
        relay.signal(CHANGED_SIGNAL, changed.developerId());
    }

    void forgetChangedElsewhere(@Observes NodeSignal signal) {
        if (CHANGED_SIGNAL.equals(signal.topic())) {
            forget(signal.payload());
        }
    }

    private void forget(String developerId) {
        builtIn.forget(developerId);
        cedarBundles.forget(developerId);
    }
}
