package dev.grantex.credentials;

import dev.grantex.platform.Timestamps;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of /v1/credentials. */
public final class CredentialViews {
    private CredentialViews() {
    }

    /** A stored credential. The JWT is under both names: credentialJwt (contract) and credential (SDK types). */
    public record CredentialView(String id, String grantId, String developerId, String principalId, String agentDid,
                                 String credentialType, String format, String credentialJwt, String credential,
                                 String status, int statusListIdx, String issuedAt, String expiresAt,
                                 String revokedAt) {
        static CredentialView of(VerifiableCredential vc) {
            return new CredentialView(vc.id(), vc.grantId(), vc.developerId(), vc.principalId(), vc.agentDid(),
                    vc.credentialType(), vc.format(), vc.credential(), vc.credential(), vc.status(),
                    vc.statusListIdx(), Timestamps.format(vc.issuedAt()), Timestamps.format(vc.expiresAt()),
                    vc.revokedAt() == null ? null : Timestamps.format(vc.revokedAt()));
        }
    }

    public record CredentialList(List<CredentialView> credentials) {
    }

    public record VerifyRequest(@Schema(description = "The VC-JWT") String credential,
                                @Schema(description = "Alias of credential (the Go SDK's name)") String vcJwt) {
    }

    public record VerifyResult(boolean valid,
                               @JsonbNillable(false) String vcId,
                               @JsonbNillable(false) JsonObject payload,
                               @JsonbNillable(false) Boolean revoked,
                               @JsonbNillable(false) Boolean expired,
                               @JsonbNillable(false) String error) {
        static VerifyResult invalid(String error) {
            return new VerifyResult(false, null, null, null, null, error);
        }
    }

    public record PresentRequest(@Schema(required = true, description = "issuer JWT~disclosure~…~[key-binding JWT]") String sdJwt,
                                 @Schema(description = "When given, a key-binding JWT with this nonce is required") String nonce,
                                 @Schema(description = "When given, a key-binding JWT with this aud is required") String audience) {
    }

    public record PresentResult(boolean valid,
                                @JsonbNillable(false) String vcId,
                                @JsonbNillable(false) JsonObject disclosedClaims,
                                @JsonbNillable(false) String error) {
        static PresentResult invalid(String vcId, String error) {
            return new PresentResult(false, vcId, null, error);
        }
    }
}
