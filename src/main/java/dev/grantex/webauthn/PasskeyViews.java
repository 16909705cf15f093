package dev.grantex.webauthn;

import dev.grantex.platform.Timestamps;
import jakarta.json.JsonObject;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of /v1/webauthn. Options are the browser's WebAuthn JSON forms, as WebAuthn Level 3 names them. */
public final class PasskeyViews {
    private PasskeyViews() {
    }

    public record RegistrationOptionsRequest(@Schema(required = true, description = "The principal the passkey is for")
                                             String principalId) {
    }

    public record RegistrationVerifyRequest(
            @Schema(required = true, description = "From the registration options") String challengeId,
            @Schema(required = true, description = "The browser's RegistrationResponseJSON (PublicKeyCredential.toJSON())")
            JsonObject response,
            @Schema(maxLength = 100, description = "A name the principal recognises the passkey by") String deviceName) {
    }

    public record AssertionOptionsRequest(@Schema(required = true, description = "The authorization request being consented to")
                                          String authRequestId) {
    }

    public record AssertionVerifyRequest(
            @Schema(required = true, description = "From the assertion options") String challengeId,
            @Schema(required = true, description = "The browser's AuthenticationResponseJSON (PublicKeyCredential.toJSON())")
            JsonObject response) {
    }

    public record CeremonyOptions(String challengeId,
                                  @Schema(description = "PublicKeyCredentialCreationOptionsJSON or PublicKeyCredentialRequestOptionsJSON")
                                  JsonObject publicKey) {
    }

    public record PasskeyView(String id, String principalId, String deviceName, boolean backedUp,
                              List<String> transports, String createdAt, String lastUsedAt) {
        static PasskeyView of(PasskeyCredential credential) {
            return new PasskeyView(credential.id(), credential.principalId(), credential.deviceName(),
                    credential.backedUp(), credential.transports(), Timestamps.format(credential.createdAt()),
                    credential.lastUsedAt() == null ? null : Timestamps.format(credential.lastUsedAt()));
        }
    }

    public record PasskeyList(List<PasskeyView> credentials) {
    }

    public record AssertionVerified(boolean verified) {
    }
}
