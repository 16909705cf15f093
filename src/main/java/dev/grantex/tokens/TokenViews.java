package dev.grantex.tokens;

import dev.grantex.platform.Timestamps;
import dev.grantex.platform.errors.ApiException;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of token exchange, refresh, verification and revocation. */
public final class TokenViews {
    private TokenViews() {
    }

    public record ExchangeRequest(@Schema(required = true) String code, @Schema(required = true) String agentId,
                                  @Schema(description = "The PKCE verifier when the request had a codeChallenge") String codeVerifier,
                                  @Schema(enumeration = {"jwt", "vc-jwt", "sd-jwt", "both", "agent-passport"}, defaultValue = "jwt",
                                          description = "What is issued beside the grant token: vc-jwt and both add a VC-JWT, sd-jwt an SD-JWT, "
                                                  + "agent-passport an agent passport for the grant (its id)")
                                  String credentialFormat,
                                  @Schema(description = "Beyond the contract: the holder's public JWK an SD-JWT is bound to (cnf), "
                                          + "so that its presentations can carry a key-binding JWT")
                                  JsonObject holderKey) {
    }

    public record RefreshRequest(@Schema(required = true) String refreshToken, @Schema(required = true) String agentId) {
    }

    /** The answer of token exchange, refresh and delegation, with the credential asked for, if any. */
    public record TokenView(String grantToken, String expiresAt, List<String> scopes, String refreshToken,
                            String grantId,
                            @JsonbNillable(false) String verifiableCredential,
                            @JsonbNillable(false) String sdJwtCredential,
                            @JsonbNillable(false) String agentPassportId) {
        public static TokenView of(TokenIssuer.Issued issued) {
            return new TokenView(issued.grantToken(), Timestamps.format(issued.grant().expiresAt()),
                    issued.grant().scopes(), issued.refreshToken(), issued.grant().id(),
                    issued.credentials().verifiableCredential(), issued.credentials().sdJwtCredential(),
                    issued.credentials().agentPassportId());
        }
    }

    /** A grant token to check (online verification and introspection). */
    public record TokenRequest(@Schema(required = true) String token) {
        /** 400 only when no token is given: anything given is answered as a (possibly invalid) token. */
        public String requireToken() {
            if (token == null || token.isEmpty()) {
                throw ApiException.badRequest("token is required");
            }
            return token;
        }
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

    public record GrantVerifyView(boolean active,
                                  @JsonbNillable(false) String reason,
                                  @JsonbNillable(false) Map<String, Object> claims) {
    }

    public record DelegateRequest(
            @Schema(required = true, description = "The parent's grant token") String parentGrantToken,
            @Schema(required = true) String subAgentId,
            @Schema(required = true, description = "A subset of the parent grant's scopes") List<String> scopes,
            @Schema(defaultValue = "1h", description = "An integer and a unit: s, m, h or d; capped at the parent's expiry") String expiresIn,
            @Schema(enumeration = {"jwt", "vc-jwt", "both"}, defaultValue = "jwt",
                    description = "vc-jwt and both add a VC-JWT (a DelegatedGrantCredential)") String credentialFormat) {
    }
}
