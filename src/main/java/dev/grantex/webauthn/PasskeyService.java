package dev.grantex.webauthn;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import dev.grantex.authorization.AuthRequest;
import dev.grantex.authorization.AuthorizationService;
import dev.grantex.developers.Developer;
import dev.grantex.events.EventLog;
import dev.grantex.events.EventType;
import dev.grantex.platform.ExpirySweep;
import dev.grantex.platform.Fields;
import dev.grantex.platform.Ids;
import dev.grantex.platform.crypto.Hashes;
import dev.grantex.platform.crypto.RandomBytes;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.Jsonp;
import dev.grantex.platform.storage.BatchedDelete;
import dev.grantex.webauthn.PasskeyViews.CeremonyOptions;
import dev.grantex.webauthn.PasskeyViews.PasskeyView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Passkeys of principals (contract §7.6): registration, and the assertion that satisfies a developer's
 * fidoRequired at consent. webauthn4j checks each response's origin, RP id hash, challenge, user
 * presence and verification, signature and counter. A challenge is spent by the first answer, so the
 * refusals (ApiException) commit too.
 */
@ApplicationScoped
@Transactional(dontRollbackOn = ApiException.class)
public class PasskeyService {
    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Set<String> TRANSPORTS = Set.of("usb", "nfc", "ble", "smart-card", "hybrid", "internal");
    /** WebAuthn's longest credential id, 1023 bytes, as base64url. */
    private static final int MAX_CREDENTIAL_ID_CHARS = 1364;
    private static final int MAX_PUBLIC_KEY_CHARS = 4000;
    private static final int MAX_FORMAT_CHARS = 32;

    // Attestation is not asked for ("none"), so the non-strict manager: it checks the client data
    // (type, challenge, origin), the RP id hash, the flags and the credential's key, but takes any
    // attestation statement as it comes, verifying none (no authenticator's make is trusted here).
    private final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager();
    private final AttestedCredentialDataConverter attestedData = new AttestedCredentialDataConverter(new ObjectConverter());

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    RelyingParty relyingParty;

    @Inject
    AuthorizationService authorizations;

    @Inject
    EventLog events;

    @Inject
    BatchedDelete purges;

    @Inject
    Clock clock;

    /** PublicKeyCredentialCreationOptionsJSON for a new passkey of the principal, with a fresh challenge. */
    public CeremonyOptions registrationOptions(String developerId, String principal) {
        String principalId = Fields.requireText(principal, "principalId", 256);
        Developer developer = em.find(Developer.class, developerId);
        PasskeyChallenge challenge = newChallenge(developerId, principalId, PasskeyChallenge.REGISTRATION, null);
        JsonArrayBuilder algorithms = Jsonp.arrayBuilder();
        ALGORITHMS.forEach(a -> algorithms.add(Jsonp.objectBuilder().add("type", "public-key").add("alg", a.getAlg().getValue())));
        JsonObject publicKey = Jsonp.objectBuilder()
                .add("rp", Jsonp.objectBuilder().add("id", relyingParty.id())
                        .add("name", developer.fidoRpName() != null ? developer.fidoRpName() : developer.name()))
                .add("user", Jsonp.objectBuilder().add("id", userHandle(developerId, principalId))
                        .add("name", principalId).add("displayName", principalId))
                .add("challenge", challenge.challenge())
                .add("pubKeyCredParams", algorithms)
                .add("timeout", CHALLENGE_LIFETIME.toMillis())
                .add("excludeCredentials", descriptors(credentialsOf(developerId, principalId)))
                .add("authenticatorSelection", Jsonp.objectBuilder().add("residentKey", "preferred")
                        .add("userVerification", "required"))
                .add("attestation", "none")
                .build();
        return new CeremonyOptions(challenge.id(), publicKey);
    }

    /** Verifies the browser's registration response and stores the passkey; 400 when it does not verify. */
    public PasskeyView register(String developerId, String challengeId, JsonObject response, String deviceName) {
        Fields.requireText(challengeId, "challengeId", 40);
        if (response == null) {
            throw ApiException.badRequest("response is required: the browser's PublicKeyCredential.toJSON()");
        }
        if (deviceName != null) {
            Fields.requireText(deviceName, "deviceName", 100);
        }
        PasskeyChallenge challenge = spend(challengeId, PasskeyChallenge.REGISTRATION, developerId);
        RegistrationData data;
        try {
            data = webAuthn.verifyRegistrationResponseJSON(response.toString(),
                    new RegistrationParameters(serverProperty(challenge), ALGORITHMS, true, true));
        } catch (RuntimeException e) {
            // webauthn4j reports every malformed or unverifiable response as an unchecked exception.
            throw ApiException.badRequest("The passkey registration was not accepted: " + e.getMessage());
        }
        AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData attested = authenticator.getAttestedCredentialData();
        String credentialId = BASE64URL.encodeToString(attested.getCredentialId());
        String publicKey = BASE64URL.encodeToString(attestedData.convert(attested));
        String format = data.getAttestationObject().getFormat();
        if (credentialId.length() > MAX_CREDENTIAL_ID_CHARS || publicKey.length() > MAX_PUBLIC_KEY_CHARS
                || format.length() > MAX_FORMAT_CHARS) {
            throw ApiException.badRequest("The passkey registration was not accepted: its credential id, key or "
                    + "attestation format is longer than any authenticator's");
        }
        String credentialHash = Hashes.sha256Hex(credentialId);
        if (!em.createQuery("SELECT c.id FROM PasskeyCredential c WHERE c.credentialHash = :hash", String.class)
                .setParameter("hash", credentialHash).getResultList().isEmpty()) {
            throw ApiException.conflict("This passkey is registered already");
        }
        // Only the transports WebAuthn names: they are hints for the browser, and anything else is noise.
        List<String> transports = data.getTransports() == null ? List.of()
                : data.getTransports().stream().map(AuthenticatorTransport::getValue).filter(TRANSPORTS::contains)
                .distinct().sorted().toList();
        PasskeyCredential credential = new PasskeyCredential(Ids.newId("cred"), developerId, challenge.principalId(),
                credentialId, credentialHash, publicKey, authenticator.getSignCount(), transports,
                attested.getAaguid().toString(), format, deviceName, authenticator.isFlagBE(), authenticator.isFlagBS(),
                clock.instant());
        em.persist(credential);
        events.record(developerId, EventType.FIDO_REGISTERED, Jsonp.objectBuilder().add("credentialId", credential.id())
                .add("principalId", credential.principalId()).build());
        return PasskeyView.of(credential);
    }

    public List<PasskeyView> list(String developerId, String principal) {
        String principalId = Fields.requireText(principal, "principalId", 256);
        return credentialsOf(developerId, principalId).stream().map(PasskeyView::of).toList();
    }

    public void delete(String developerId, String id) {
        PasskeyCredential credential = em.find(PasskeyCredential.class, id);
        if (credential == null || !credential.developerId().equals(developerId)) {
            throw ApiException.notFound("Passkey not found");
        }
        em.remove(credential);
    }

    /**
     * PublicKeyCredentialRequestOptionsJSON for the principal of a pending request: 404 unless the
     * request is pending, 400 when its developer does not ask for passkeys or the principal has none.
     */
    public CeremonyOptions assertionOptions(String authRequestId) {
        Fields.requireText(authRequestId, "authRequestId", 40);
        AuthRequest request = authorizations.findPending(authRequestId)
                .orElseThrow(() -> ApiException.notFound("Authorization request not found or no longer pending"));
        if (!authorizations.fidoRequired(request)) {
            throw ApiException.badRequest("This developer does not require a passkey at consent");
        }
        List<PasskeyCredential> credentials = credentialsOf(request.developerId(), request.principalId());
        if (credentials.isEmpty()) {
            throw ApiException.badRequest("The principal has no registered passkey");
        }
        PasskeyChallenge challenge = newChallenge(request.developerId(), request.principalId(),
                PasskeyChallenge.AUTHENTICATION, request.id());
        JsonObject publicKey = Jsonp.objectBuilder()
                .add("challenge", challenge.challenge())
                .add("timeout", CHALLENGE_LIFETIME.toMillis())
                .add("rpId", relyingParty.id())
                .add("allowCredentials", descriptors(credentials))
                .add("userVerification", "required")
                .build();
        return new CeremonyOptions(challenge.id(), publicKey);
    }

    /** Verifies the principal's assertion and marks the authorization request FIDO-verified; 400 otherwise. */
    public void verifyAssertion(String challengeId, JsonObject response) {
        Fields.requireText(challengeId, "challengeId", 40);
        if (response == null) {
            throw ApiException.badRequest("response is required: the browser's PublicKeyCredential.toJSON()");
        }
        PasskeyChallenge challenge = spend(challengeId, PasskeyChallenge.AUTHENTICATION, null);
        AuthenticationData data;
        try {
            data = webAuthn.parseAuthenticationResponseJSON(response.toString());
        } catch (RuntimeException e) {
            throw ApiException.badRequest("The passkey assertion could not be read: " + e.getMessage());
        }
        if (data.getCredentialId() == null) {
            throw ApiException.badRequest("The passkey assertion could not be read: it names no credential (rawId)");
        }
        String credentialId = BASE64URL.encodeToString(data.getCredentialId());
        PasskeyCredential credential = em.createQuery(
                        "SELECT c FROM PasskeyCredential c WHERE c.credentialHash = :hash", PasskeyCredential.class)
                .setParameter("hash", Hashes.sha256Hex(credentialId)).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst()
                .filter(c -> c.developerId().equals(challenge.developerId()) && c.principalId().equals(challenge.principalId()))
                .orElseThrow(() -> ApiException.badRequest("The passkey is not one of this principal's"));
        try {
            webAuthn.verify(data, new AuthenticationParameters(serverProperty(challenge), record(credential),
                    List.of(data.getCredentialId()), true, true));
        } catch (RuntimeException e) {
            throw ApiException.badRequest("The passkey assertion was not accepted: " + e.getMessage());
        }
        AuthenticatorData<?> authenticator = data.getAuthenticatorData();
        credential.used(authenticator.getSignCount(), authenticator.isFlagBS(), clock.instant());
        if (!authorizations.markFidoVerified(challenge.authRequestId(), credential.id())) {
            throw ApiException.notFound("The authorization request was answered or expired meanwhile");
        }
        events.record(challenge.developerId(), EventType.FIDO_ASSERTION, Jsonp.objectBuilder()
                .add("credentialId", credential.id()).add("principalId", credential.principalId())
                .add("authRequestId", challenge.authRequestId()).build());
    }

    /** Removes challenges past their expiry, spent or not. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    void purgeExpiredChallenges(@Observes ExpirySweep sweep) {
        purges.deleteAll(PasskeyChallenge.class, "id", "x.expiresAt <= :now", Map.of("now", sweep.now()));
    }

    private PasskeyChallenge newChallenge(String developerId, String principalId, String ceremony, String authRequestId) {
        Instant now = clock.instant();
        PasskeyChallenge challenge = new PasskeyChallenge(Ids.newId("wac"), developerId, principalId,
                BASE64URL.encodeToString(RandomBytes.of(32)), ceremony, authRequestId, now, now.plus(CHALLENGE_LIFETIME));
        em.persist(challenge);
        return challenge;
    }

    /**
     * Locks and spends the challenge: one answer per challenge, whatever its outcome. A registration
     * challenge is its developer's only (developerId), and another developer cannot spend it.
     */
    private PasskeyChallenge spend(String challengeId, String ceremony, String developerId) {
        PasskeyChallenge challenge = em.find(PasskeyChallenge.class, challengeId, LockModeType.PESSIMISTIC_WRITE);
        if (challenge == null || !challenge.ceremony().equals(ceremony) || !challenge.usable(clock.instant())
                || developerId != null && !challenge.developerId().equals(developerId)) {
            throw unusableChallenge();
        }
        challenge.consume();
        return challenge;
    }

    private static ApiException unusableChallenge() {
        return ApiException.badRequest("The challenge is unknown, expired or already used: ask for new options");
    }

    private ServerProperty serverProperty(PasskeyChallenge challenge) {
        return ServerProperty.builder()
                .origins(relyingParty.origins().stream().map(Origin::new).collect(Collectors.toSet()))
                .rpId(relyingParty.id())
                .challenge(new DefaultChallenge(Base64.getUrlDecoder().decode(challenge.challenge())))
                .build();
    }

    private CredentialRecord record(PasskeyCredential credential) {
        AttestedCredentialData attested = attestedData.convert(Base64.getUrlDecoder().decode(credential.attestedCredentialData()));
        Set<AuthenticatorTransport> transports = credential.transports().stream().map(AuthenticatorTransport::create)
                .collect(Collectors.toSet());
        // User verification was required when the passkey was registered, so it is initialised.
        return new CredentialRecordImpl(new NoneAttestationStatement(), true, credential.backupEligible(),
                credential.backedUp(), credential.counter(), attested, null, null, null, transports);
    }

    private List<PasskeyCredential> credentialsOf(String developerId, String principalId) {
        return em.createQuery("SELECT c FROM PasskeyCredential c WHERE c.developerId = :dev AND c.principalId = :principal "
                        + "ORDER BY c.createdAt, c.id", PasskeyCredential.class)
                .setParameter("dev", developerId).setParameter("principal", principalId).getResultList();
    }

    private static JsonArrayBuilder descriptors(List<PasskeyCredential> credentials) {
        JsonArrayBuilder descriptors = Jsonp.arrayBuilder();
        credentials.forEach(c -> descriptors.add(Jsonp.objectBuilder().add("type", "public-key").add("id", c.credentialId())
                .add("transports", Jsonp.stringArray(c.transports()))));
        return descriptors;
    }

    /** A stable, opaque WebAuthn user handle for the principal (it must not be personal information). */
    private static String userHandle(String developerId, String principalId) {
        return BASE64URL.encodeToString(Hashes.sha256((developerId + "\n" + principalId).getBytes(StandardCharsets.UTF_8)));
    }
}
