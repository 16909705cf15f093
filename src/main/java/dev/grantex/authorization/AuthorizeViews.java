package dev.grantex.authorization;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of authorization requests and consent. */
public final class AuthorizeViews {
    private AuthorizeViews() {
    }

    public record AuthorizeRequest(
            @Schema(required = true) String agentId,
            @Schema(required = true) String principalId,
            @Schema(required = true) List<String> scopes,
            @Schema(defaultValue = "24h", description = "An integer and a unit: s, m, h or d") String expiresIn,
            @Schema(description = "Absolute http(s) URL the consent page sends the principal back to") String redirectUri,
            @Schema(maxLength = 1024, description = "Returned unchanged with the code") String state,
            @Schema(description = "The aud claim of the grant token") String audience,
            @Schema(description = "base64url(SHA-256(verifier)), 43 characters") String codeChallenge,
            @Schema(enumeration = "S256") String codeChallengeMethod,
            @Schema(description = "Alias of principalId sent by some SDKs") String userId) {
    }

    public record AuthorizeView(String authRequestId, String consentUrl, String expiresAt, String agentId,
                                String principalId, List<String> scopes, String expiresIn, String status,
                                String createdAt,
                                @JsonbNillable(false) Boolean sandbox,
                                @JsonbNillable(false) Boolean policyEnforced,
                                @JsonbNillable(false) String effect,
                                @JsonbNillable(false) String code) {
    }

    public record ConsentView(String id, String agentName, String agentDid, String agentDescription,
                              List<String> scopes, List<String> scopeDescriptions, String expiresAt, String status,
                              boolean fidoRequired) {
    }

    public record ApprovedView(String code,
                               @JsonbNillable(false) String redirectUri,
                               @JsonbNillable(false) String state) {
    }

    public record DeniedView(@JsonbNillable(false) String redirectUri,
                             @JsonbNillable(false) String state) {
    }

    public record SandboxApprovedView(String requestId, String status, String code) {
    }

    public record SandboxDeniedView(String requestId, String status) {
    }
}
