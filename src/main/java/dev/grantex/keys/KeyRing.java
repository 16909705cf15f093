package dev.grantex.keys;

import dev.grantex.events.EventRelay;
import dev.grantex.events.NodeSignal;
import dev.grantex.platform.crypto.SecretBox;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.Jsonp;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.JsonArrayBuilder;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * The signing keys this node uses and publishes. Keys live in the database (private halves sealed),
 * so all nodes share them; each node keeps them in memory. A node that rotates tells the others
 * through the event relay, which re-read them at once; every node also re-reads them every
 * GRANTEX_SIGNING_REFRESH_SECONDS on a scheduled thread, the fallback while Redis is away. Only the
 * moment a published key starts signing is noticed on a request, as it is due at an exact time.
 */
@ApplicationScoped
public class KeyRing {
    private static final Logger LOG = Logger.getLogger(KeyRing.class.getName());

    /** What is loaded: the active keys (with private halves) and what the JWKS publishes. */
    private record Loaded(PublicJsonWebKey rsa, PublicJsonWebKey ed25519, List<PublicJsonWebKey> publishedRsa,
                          String jwksJson, Instant loadedAt, Instant signerChangesAt) {
    }

    @Inject
    SigningKeyStore store;

    @Inject
    SecretBox secretBox;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "grantex.signing.private-key")
    Optional<String> configuredPem;

    @Inject
    @ConfigProperty(name = "grantex.signing.retired-key-days", defaultValue = "30")
    int retiredKeyDays;

    @Inject
    @ConfigProperty(name = "grantex.signing.refresh-seconds", defaultValue = "30")
    int refreshSeconds;

    @Inject
    @ConfigProperty(name = "grantex.signing.publish-ahead-seconds", defaultValue = "300")
    int publishAheadSeconds;

    @Inject
    EventRelay relay;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private static final String ROTATED_SIGNAL = "signing-key-rotated";
    private volatile Loaded loaded;
    private volatile ScheduledFuture<?> refreshing;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100) Startup startup) {
        ensureActive(SigningKey.RS256);
        ensureActive(SigningKey.EDDSA);
        reload();
        long period = Math.max(1, refreshSeconds);
        refreshing = scheduler.scheduleWithFixedDelay(this::refresh, period, period, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stopRefreshing() {
        if (refreshing != null) {
            refreshing.cancel(false);
        }
    }

    void rotatedElsewhere(@Observes NodeSignal signal) {
        if (ROTATED_SIGNAL.equals(signal.topic())) {
            refresh();
        }
    }

    private void refresh() {
        try {
            reload();
        } catch (RuntimeException e) {
            // Keep signing and publishing with the keys already known; try again at the next refresh.
            LOG.warning("Could not re-read the signing keys, keeping the loaded ones: " + e);
        }
    }

    /** The RS256 key that signs now, private half included (the active one, once it has been published long enough). */
    public PublicJsonWebKey signingKey() {
        return current().rsa();
    }

    /** The active Ed25519 key, published only in the DID document. */
    public PublicJsonWebKey ed25519Key() {
        return current().ed25519();
    }

    /** Every RSA key a verifier may meet: the active one and retired ones still published. */
    public List<PublicJsonWebKey> publishedRsaKeys() {
        return current().publishedRsa();
    }

    /** {"keys":[…]} with only RSA/RS256 public keys, serialised once per load. */
    public String jwksJson() {
        return current().jwksJson();
    }

    /** Makes a new RS256 key active; the previous one stays published for the retention period. */
    public String rotate() {
        if (pem().isPresent()) {
            throw new ApiException(409, "CONFLICT",
                    "The signing key comes from GRANTEX_SIGNING_PRIVATE_KEY; rotate by configuring a new key and restarting");
        }
        Instant now = clock.instant();
        KeyPair pair = KeyMaterial.generate(SigningKey.RS256);
        SigningKey replacement = toRow(SigningKey.RS256, pair, now);
        try {
            store.replaceActive(SigningKey.RS256, replacement, now, now.plus(Duration.ofDays(retiredKeyDays)));
        } catch (RuntimeException concurrent) {
            // Another rotation took the active slot first (unique constraint); it stands.
            throw new ApiException(409, "CONFLICT", "Another rotation happened at the same time; check the JWKS");
        }
        reload();
        relay.signal(ROTATED_SIGNAL, replacement.kid());
        LOG.info("Signing key rotated; new kid " + replacement.kid());
        return replacement.kid();
    }

    private void ensureActive(String algorithm) {
        Instant now = clock.instant();
        Optional<SigningKey> configured = SigningKey.RS256.equals(algorithm)
                ? pem().map(pem -> toRow(algorithm, KeyMaterial.rsaFromPem(pem), now))
                : Optional.empty();
        try {
            if (configured.isPresent()) {
                if (!store.find(configured.get().kid()).map(SigningKey::active).orElse(false)) {
                    store.replaceActive(algorithm, configured.get(), now, now.plus(Duration.ofDays(retiredKeyDays)));
                    LOG.info("Activated the configured RS256 signing key " + configured.get().kid());
                }
            } else if (!hasActive(algorithm)) {
                store.insertActive(toRow(algorithm, KeyMaterial.generate(algorithm), now));
                LOG.info("Generated the " + algorithm + " signing key");
            }
        } catch (RuntimeException raced) {
            // Another node starting at the same time stored the key first; the unique active slot
            // (or primary key) refused ours, and theirs is the one everybody uses.
            if (!hasActive(algorithm)) {
                throw raced;
            }
        }
    }

    private boolean hasActive(String algorithm) {
        return store.publishable(clock.instant()).stream().anyMatch(k -> k.active() && k.algorithm().equals(algorithm));
    }

    private SigningKey toRow(String algorithm, KeyPair pair, Instant now) {
        PublicJsonWebKey jwk = KeyMaterial.publicJwk(algorithm, pair.getPublic());
        return new SigningKey(jwk.getKeyId(), algorithm, KeyMaterial.publicJson(jwk),
                secretBox.seal(KeyMaterial.encodePrivate(pair.getPrivate())), now);
    }

    private Loaded current() {
        Loaded current = loaded;
        return stale(current) ? reloadIfStale() : current;
    }

    private synchronized Loaded reloadIfStale() {
        if (!stale(loaded)) {
            return loaded;
        }
        try {
            return reload();
        } catch (RuntimeException e) {
            if (loaded == null) {
                throw e;
            }
            // Keep signing and publishing with the keys already known; try again on the next call.
            LOG.warning("Could not re-read the signing keys, keeping the loaded ones: " + e);
            return loaded;
        }
    }

    private boolean stale(Loaded current) {
        Instant now = clock.instant();
        return current == null || (current.signerChangesAt() != null && !current.signerChangesAt().isAfter(now));
    }

    private synchronized Loaded reload() {
        Instant now = clock.instant();
        List<SigningKey> rows = store.publishable(now);
        List<PublicJsonWebKey> publishedRsa = rows.stream()
                .filter(k -> k.algorithm().equals(SigningKey.RS256))
                .map(k -> KeyMaterial.parsePublic(k.publicJwk()))
                .toList();
        SigningKey activeRsa = active(rows, SigningKey.RS256);
        SigningKey activeEd25519 = active(rows, SigningKey.EDDSA);
        // A newly rotated key is published at once but signs only after GRANTEX_SIGNING_PUBLISH_AHEAD_SECONDS,
        // so verifiers holding a cached JWKS (max-age 300) never meet a token with a kid they lack.
        Instant signsFrom = activeRsa.createdAt().plusSeconds(publishAheadSeconds);
        SigningKey previous = rows.stream()
                .filter(k -> k.algorithm().equals(SigningKey.RS256) && !k.active())
                .findFirst().orElse(null);
        boolean previousStillSigns = previous != null && signsFrom.isAfter(now);
        SigningKey signer = previousStillSigns ? previous : activeRsa;
        loaded = new Loaded(withPrivateKey(signer), withPrivateKey(activeEd25519), publishedRsa, jwks(publishedRsa), now,
                previousStillSigns ? signsFrom : null);
        return loaded;
    }

    private static SigningKey active(List<SigningKey> rows, String algorithm) {
        return rows.stream().filter(k -> k.active() && k.algorithm().equals(algorithm)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No active " + algorithm + " signing key in the database"));
    }

    private PublicJsonWebKey withPrivateKey(SigningKey row) {
        PublicJsonWebKey jwk = KeyMaterial.parsePublic(row.publicJwk());
        jwk.setPrivateKey(KeyMaterial.decodePrivate(row.algorithm(), secretBox.open(row.sealedPrivateKey())));
        return jwk;
    }

    private static String jwks(List<PublicJsonWebKey> keys) {
        JsonArrayBuilder array = Jsonp.arrayBuilder();
        for (PublicJsonWebKey key : keys) {
            try (var reader = Jsonp.reader(KeyMaterial.publicJson(key))) {
                array.add(reader.readObject());
            }
        }
        return Jsonp.objectBuilder().add("keys", array).build().toString();
    }

    private Optional<String> pem() {
        return configuredPem.map(String::trim).filter(p -> !p.isEmpty());
    }
}
