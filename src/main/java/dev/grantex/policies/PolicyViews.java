package dev.grantex.policies;

import dev.grantex.platform.Timestamps;
import jakarta.json.JsonObject;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of policies. */
public final class PolicyViews {
    private PolicyViews() {
    }

    /** A new policy, or a change to one (PATCH: only what is present changes). */
    public record PolicyRequest(
            @Schema(maxLength = PolicyFields.MAX_NAME, description = "Required for a new policy") String name,
            @Schema(enumeration = {"allow", "deny"}, description = "Required for a new policy") String effect,
            @Schema(description = "Higher is evaluated first; default 0") Integer priority,
            @Schema(maxLength = PolicyFields.MAX_ID, description = "Only this agent; null for any") String agentId,
            @Schema(maxLength = PolicyFields.MAX_ID, description = "Only this principal; null for any") String principalId,
            @Schema(minItems = 1, maxItems = 100, description = "allow: every requested scope is listed; deny: any is; null for any")
            List<String> scopes,
            @Schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$", description = "UTC start of the window (inclusive)")
            String timeOfDayStart,
            @Schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$", description = "UTC end of the window (exclusive); before the start, it wraps midnight")
            String timeOfDayEnd,
            @Schema(minItems = 1, maxItems = 7, description = "UTC weekdays, 0 (Sunday) to 6 (Saturday), on which the window (or the whole day) applies; null for every day")
            List<Integer> days) {
    }

    public record PolicyView(String id, String name, String effect, int priority, String agentId, String principalId,
                             List<String> scopes, String timeOfDayStart, String timeOfDayEnd, List<Integer> days,
                             String createdAt, String updatedAt) {
        public static PolicyView of(Policy policy) {
            PolicyFields f = policy.fields();
            return new PolicyView(policy.id(), f.name(), f.effect(), f.priority(), f.agentId(), f.principalId(),
                    f.scopes(), f.timeOfDayStart(), f.timeOfDayEnd(), f.days(), Timestamps.format(policy.createdAt()),
                    Timestamps.format(policy.updatedAt()));
        }
    }

    public record PolicyList(List<PolicyView> policies, long total) {
    }

    /** POST /v1/policies/sync: a new version of the developer's Rego or Cedar policies. */
    public record BundleRequest(
            @Schema(enumeration = {"rego", "cedar"}, required = true) String format,
            @Schema(maxLength = 128, required = true, description = "Unique per developer and format") String version,
            @Schema(required = true, description = "The bundle's bytes as base64 (at most 512 KiB decoded); for cedar, UTF-8 Cedar policy text")
            String content,
            @Schema(minimum = "1", maximum = "10000", description = "How many files the bundle was built from; default 1")
            Integer fileCount,
            @Schema(description = "Make it the active bundle of its format; default true") Boolean activate) {
    }

    public record SyncResult(String bundleId, String format, String version, String sha256, int fileCount,
                             boolean activated) {
        public static SyncResult of(PolicyBundle bundle) {
            return new SyncResult(bundle.id(), bundle.format(), bundle.version(), bundle.sha256(), bundle.fileCount(),
                    bundle.active());
        }
    }

    public record BundleView(String id, String developerId, String format, String version, String sha256, int fileCount,
                             boolean active, String createdAt) {
        public static BundleView of(PolicyBundle bundle) {
            return new BundleView(bundle.id(), bundle.developerId(), bundle.format(), bundle.version(), bundle.sha256(),
                    bundle.fileCount(), bundle.active(), Timestamps.format(bundle.createdAt()));
        }
    }

    public record BundleList(List<BundleView> bundles) {
    }

    /** What the sync webhook reads of a Git host's push event (which carries much more). */
    public record SyncWebhookPush(@Schema(description = "The pushed ref, such as refs/heads/main") String ref,
                                  @Schema(description = "The repository: an object with full_name (or name), or its name")
                                  JsonObject repository) {
    }

    /** What the sync webhook acknowledges: the pushed ref and repository of a Git host's push event. */
    public record SyncWebhookAck(String message, String ref, String repository) {
    }
}
