package dev.grantex.policies;

import dev.grantex.platform.crypto.Hashes;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.json.Jsonp;
import dev.grantex.policies.PolicyViews.SyncWebhookAck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Git host's push notification for policy-as-code: accepted only when its
 * {@code X-Hub-Signature-256} ({@code sha256=} + hex HMAC-SHA256 of the raw body, GitHub's scheme,
 * which GitLab and Gitea can send too) matches the configured secret. It acknowledges the pushed ref
 * and repository; the bundles themselves arrive through {@code POST /v1/policies/sync}, which the
 * repository's pipeline calls.
 */
@ApplicationScoped
class PolicySyncWebhook {
    private static final String PREFIX = "sha256=";

    @Inject
    @ConfigProperty(name = "grantex.policy.sync-webhook-secret")
    Optional<String> secret;

    SyncWebhookAck accept(String signature, String body) {
        String key = secret.filter(s -> !s.isBlank()).orElseThrow(() -> new ApiException(503, "SERVICE_UNAVAILABLE",
                "The policy sync webhook is not configured (GRANTEX_POLICY_SYNC_WEBHOOK_SECRET)"));
        String raw = body == null ? "" : body;
        if (signature == null || !signature.startsWith(PREFIX)
                || !Hashes.constantTimeEquals(signature, PREFIX + Hashes.hmacSha256Hex(key, raw))) {
            throw ApiException.unauthorized("X-Hub-Signature-256 is missing or does not match the body");
        }
        JsonObject push = JsonRequests.parseObject(raw);
        JsonValue repository = push.get("repository");
        String repositoryName = repository instanceof JsonObject named
                ? Optional.ofNullable(Jsonp.text(named.get("full_name"))).orElse(Jsonp.text(named.get("name")))
                : Jsonp.text(repository);
        return new SyncWebhookAck("Policy sync webhook accepted", Jsonp.text(push.get("ref")), repositoryName);
    }
}
