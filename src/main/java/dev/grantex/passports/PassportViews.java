package dev.grantex.passports;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of the passport routes. */
public final class PassportViews {
    private PassportViews() {
    }

    public record IssuePassportRequest(
            @Schema(required = true) String agentId,
            @Schema(required = true, description = "An active grant of that agent") String grantId,
            @Schema(required = true, description = "Each needs the scope payments:mpp:<category> on the grant: "
                    + "inference, compute, data, storage, search, media, delivery, browser, general")
            List<String> allowedMPPCategories,
            @Schema(required = true, description = "{amount: a positive number or decimal string, currency: ISO 4217 (default USD)}")
            JsonObject maxTransactionAmount,
            @Schema(defaultValue = "[\"tempo\"]") List<String> paymentRails,
            @Schema(defaultValue = "24h", description = "An integer and s, m, h or d; at most GRANTEX_PASSPORT_MAX_EXPIRY_HOURS, "
                    + "and never beyond the grant") String expiresIn,
            @Schema(description = "A passport of the same grant this one narrows") String parentPassportId) {
    }

    public record IssuedPassport(String passportId, JsonObject credential, String encodedCredential, String expiresAt) {
    }

    public record PassportSummary(String passportId, String agentId, String grantId, String status, String expiresAt,
                                  String createdAt) {
    }

    public record RevokedPassport(boolean revoked, String revokedAt) {
    }

    public record VerifyPassportRequest(
            @Schema(description = "The passport as agents send it in X-Grantex-Passport (base64url of the credential JSON); "
                    + "the header is read when this is absent") String passport,
            @Schema(description = "The request's payment category, checked against allowedMPPCategories") String category,
            @Schema(description = "The request's {amount, currency}, checked against maxTransactionAmount") JsonObject amount) {
    }

    public record PassportCheck(boolean valid,
                                @JsonbNillable(false) String passportId,
                                @JsonbNillable(false) String agentDid,
                                @JsonbNillable(false) String grantId,
                                @JsonbNillable(false) String humanPrincipal,
                                @JsonbNillable(false) List<String> allowedMPPCategories,
                                @JsonbNillable(false) JsonObject maxTransactionAmount,
                                @JsonbNillable(false) String expiresAt,
                                @JsonbNillable(false) String error) {
        static PassportCheck invalid(String passportId, String error) {
            return new PassportCheck(false, passportId, null, null, null, null, null, null, error);
        }
    }
}
