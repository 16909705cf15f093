package dev.grantex.vault;

import dev.grantex.platform.Timestamps;
import dev.grantex.platform.json.Jsonp;
import jakarta.json.JsonObject;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of /v1/vault. No view but the exchange's carries a token. */
public final class VaultViews {
    private VaultViews() {
    }

    public record VaultStoreRequest(@Schema(required = true) String principalId,
                               @Schema(required = true, pattern = "^[a-z0-9][a-z0-9._-]{0,63}$",
                                       description = "Case-insensitive; stored in lower case") String service,
                               @Schema(required = true) String accessToken,
                               @Schema(defaultValue = "oauth2") String credentialType,
                               @Schema(description = "Kept sealed with the access token") String refreshToken,
                               @Schema(description = "ISO-8601 UTC time") String tokenExpiresAt,
                               @Schema(description = "Any JSON object") JsonObject metadata) {
    }

    public record StoredView(String id, String principalId, String service, String credentialType, String createdAt) {
        static StoredView of(VaultCredential credential) {
            return new StoredView(credential.id(), credential.principalId(), credential.service(),
                    credential.credentialType(), Timestamps.format(credential.createdAt()));
        }
    }

    public record VaultCredentialView(String id, String principalId, String service, String credentialType,
                                      String tokenExpiresAt, JsonObject metadata, String createdAt, String updatedAt) {
        static VaultCredentialView of(VaultCredential credential) {
            return new VaultCredentialView(credential.id(), credential.principalId(), credential.service(),
                    credential.credentialType(), formatOrNull(credential), Jsonp.strictObject(credential.metadata()),
                    Timestamps.format(credential.createdAt()), Timestamps.format(credential.updatedAt()));
        }
    }

    public record VaultCredentialList(List<VaultCredentialView> credentials) {
    }

    public record VaultExchangeRequest(@Schema(required = true) String service) {
    }

    public record ExchangedView(String accessToken, String service, String credentialType, String tokenExpiresAt,
                                JsonObject metadata) {
    }

    static String formatOrNull(VaultCredential credential) {
        return credential.tokenExpiresAt() == null ? null : Timestamps.format(credential.tokenExpiresAt());
    }
}
