package dev.grantex.developers;

import dev.grantex.platform.Timestamps;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of developer accounts. */
public final class DeveloperViews {
    private DeveloperViews() {
    }

    public record SignupRequest(
            @Schema(required = true, maxLength = 200) String name,
            @Schema(maxLength = 254, description = "Unique in any letter case") String email,
            @Schema(enumeration = {"live", "sandbox"}, defaultValue = "live") String mode) {
    }

    public record AdminCreateRequest(
            @Schema(required = true, maxLength = 200) String name,
            @Schema(maxLength = 254, description = "Unique in any letter case") String email,
            @Schema(enumeration = {"live", "sandbox"}, defaultValue = "live") String mode,
            @Schema(enumeration = {"free", "pro", "enterprise"}, description = "Default: GRANTEX_DEFAULT_PLAN") String plan) {
    }

    public record UpdateMeRequest(
            @Schema(description = "Require a security-key check before consent") Boolean fidoRequired,
            @Schema(maxLength = 100) String fidoRpName) {
    }

    /** Returned once, at signup or admin creation: the only time the API key is shown. */
    public record CreatedView(String developerId, String apiKey, String name, String email, String mode,
                              String plan, String createdAt) {
        static CreatedView of(DeveloperService.Created created) {
            Developer d = created.developer();
            return new CreatedView(d.id(), created.apiKey(), d.name(), d.email(), d.mode(), d.plan(),
                    Timestamps.format(d.createdAt()));
        }
    }

    public record MeView(String developerId, String name, String email, String mode, String plan,
                         boolean fidoRequired, String fidoRpName, String createdAt) {
        static MeView of(Developer d) {
            return new MeView(d.id(), d.name(), d.email(), d.mode(), d.plan(), d.fidoRequired(), d.fidoRpName(),
                    Timestamps.format(d.createdAt()));
        }
    }

    public record DeveloperList(java.util.List<MeView> developers) {
    }

    public record UpdatedView(boolean updated) {
    }

    public record RotatedKeyView(String apiKey, String rotatedAt) {
    }
}
