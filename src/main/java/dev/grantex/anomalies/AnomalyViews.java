package dev.grantex.anomalies;

import dev.grantex.platform.Timestamps;
import dev.grantex.platform.json.Jsonp;
import dev.grantex.webhooks.MailtoUrl;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of anomalies, alerts, rules and alert channels. */
public final class AnomalyViews {
    private AnomalyViews() {
    }

    public record AnomalyView(String id, String type, String severity, String agentId, String principalId,
                              String description, JsonObject metadata, String detectedAt, String acknowledgedAt) {
        static AnomalyView of(Anomaly a) {
            return new AnomalyView(a.id(), a.type(), a.severity(), a.agentId(), a.principalId(), a.description(),
                    Jsonp.strictObject(a.metadata()), Timestamps.format(a.detectedAt()), Timestamps.format(a.acknowledgedAt()));
        }
    }

    public record AnomalyList(List<AnomalyView> anomalies, int total) {
    }

    public record DetectionView(String detectedAt, int total, int autoRevokedGrants, List<AnomalyView> anomalies) {
    }

    public record AlertView(String alertId, String ruleId, String ruleName, String type, String severity, String status,
                            String agentId, String principalId, String detectedAt, String description, JsonObject context,
                            String acknowledgedAt, String resolvedAt, String note) {
        static AlertView of(Anomaly a) {
            return new AlertView(a.id(), a.ruleId(), a.ruleName(), a.type(), a.severity(), a.status(), a.agentId(),
                    a.principalId(), Timestamps.format(a.detectedAt()), a.description(), Jsonp.strictObject(a.metadata()),
                    Timestamps.format(a.acknowledgedAt()), Timestamps.format(a.resolvedAt()), a.resolutionNote());
        }
    }

    public record AlertList(List<AlertView> data) {
    }

    /** {note?}: what the person who acknowledged or resolved the alert has to say. */
    public record AlertNote(@Schema(maxLength = 1024, description = "Kept with the alert") String note) {
    }

    public record AlertCounts(String window, long total, Map<String, Long> byStatus, Map<String, Long> bySeverity) {
    }

    /** A built-in rule or a custom one: built-ins have no id, condition, alertChannels or createdAt. */
    public record RuleView(String id, String ruleId, String name, String description, String severity, boolean builtIn,
                           boolean enabled, Boolean computed, JsonObject condition, List<String> alertChannels,
                           String createdAt) {
        static RuleView of(BuiltInRule rule, boolean enabled) {
            return new RuleView(null, rule.ruleId(), rule.name(), rule.description(), rule.severity(), true, enabled,
                    rule.computed(), null, null, null);
        }

        static RuleView of(AnomalyRule rule) {
            return new RuleView(rule.id(), rule.ruleId(), rule.name(), rule.description(), rule.severity(), false,
                    rule.enabled(), null, rule.condition().toJson(), rule.alertChannels(), Timestamps.format(rule.createdAt()));
        }
    }

    public record RuleList(List<RuleView> rules) {
    }

    /** POST /v1/anomaly/rules. */
    public record RuleRequest(
            @Schema(required = true, maxLength = 64, description = "Unique per developer; not a built-in's") String ruleId,
            @Schema(required = true, maxLength = 256) String name,
            @Schema(maxLength = 1024) String description,
            @Schema(required = true, description = "{threshold (1–1000000), windowMinutes (1–1440), action? (exact, or a "
                    + "prefix ending in *), status? (success|failure|blocked)}") JsonObject condition,
            @Schema(enumeration = {"low", "medium", "high", "critical"}, description = "Default medium") String severity,
            @Schema(maxItems = AnomalyChannels.MAX_RULE_CHANNELS, description = "Ids of the developer's alert channels "
                    + "its findings go to (whatever their severities); without them, findings go to the channels by "
                    + "severity. A channel deleted later is taken off the list") List<String> alertChannels) {
    }

    /** PATCH /v1/anomaly/rules/{id} and /v1/anomaly/channels/{id}. */
    public record SwitchRequest(@Schema(required = true) Boolean enabled) {
    }

    /** POST /v1/anomaly/channels. */
    public record ChannelRequest(
            @Schema(required = true, enumeration = {"slack", "webhook", "email"}) String type,
            @Schema(required = true, maxLength = 256) String name,
            @Schema(required = true, description = "webhook: {url, secret? (16–128 characters; generated when absent)}; "
                    + "slack: {webhookUrl} (an incoming webhook); email: {to: [addresses]} (1–20; needs GRANTEX_SMTP_HOST)")
            JsonObject config,
            @Schema(description = "The severities it receives; default [critical, high]") List<String> severities) {
    }

    /** A channel; its config without secrets (a Slack URL shows only its host). */
    public record ChannelView(String id, String type, String name, JsonObject config, List<String> severities,
                              boolean enabled, String createdAt) {
        static ChannelView of(AnomalyChannel channel) {
            return new ChannelView(channel.id(), channel.type(), channel.name(), publicConfig(channel),
                    channel.severities(), channel.enabled(), Timestamps.format(channel.createdAt()));
        }

        private static JsonObject publicConfig(AnomalyChannel channel) {
            return switch (channel.type()) {
                case AnomalyChannel.WEBHOOK -> Jsonp.objectBuilder().add("url", channel.target()).build();
                case AnomalyChannel.SLACK -> {
                    URI url = URI.create(channel.target());
                    yield Jsonp.objectBuilder().add("webhookUrl", url.getScheme() + "://" + url.getRawAuthority() + "/…").build();
                }
                default -> Jsonp.objectBuilder().add("to", Jsonp.stringArray(MailtoUrl.parse(channel.target()).addresses())).build();
            };
        }
    }

    /** A channel just created: a webhook channel's signing secret is shown here only. */
    public record CreatedChannelView(String id, String type, String name, JsonObject config, List<String> severities,
                                     boolean enabled, String createdAt, String secret) {
        static CreatedChannelView of(AnomalyChannels.Created created) {
            ChannelView view = ChannelView.of(created.channel());
            return new CreatedChannelView(view.id(), view.type(), view.name(), view.config(), view.severities(),
                    view.enabled(), view.createdAt(), created.secret());
        }
    }

    public record ChannelList(List<ChannelView> channels) {
    }
}
