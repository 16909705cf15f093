package dev.grantex.tokens;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of token exchange, refresh, verification and revocation. */
public final class TokenViews {
    private TokenViews() {
    }

    public record ExchangeRequest(@Schema(required = true) String code, @Schema(required = true) String agentId,
                                  String codeVerifier,
                                  @Schema(enumeration = "jwt") String credentialFormat) {
    }

    public record RefreshRequest(@Schema(required = true) String refreshToken, @Schema(required = true) String agentId) {
    }

    public record TokenView(String grantToken, String expiresAt, List<String> scopes, String refreshToken,
                            String grantId) {
    }

    public record VerifyRequest(@Schema(required = true) String token) {
    }

    public record VerifyView(boolean valid,
                             @JsonbNillable(false) String grantId,
                             @JsonbNillable(false) List<String> scopes,
                             @JsonbNillable(false) String principal,
                             @JsonbNillable(false) String agent,
                             @JsonbNillable(false) String expiresAt) {
        static VerifyView invalid() {
            return new VerifyView(false, null, null, null, null, null);
        }
    }

    public record RevokeRequest(@Schema(required = true) String jti) {
    }
}
