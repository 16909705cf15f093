package dev.grantex.anomalies;

import dev.grantex.anomalies.AnomalyViews.ChannelRequest;
import dev.grantex.events.EventEnvelope;
import dev.grantex.events.EventLog;
import dev.grantex.events.EventType;
import dev.grantex.platform.Fields;
import dev.grantex.platform.Ids;
import dev.grantex.platform.PlanLimits;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.crypto.SecretBox;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.json.Jsonp;
import dev.grantex.webhooks.DeliveryTarget;
import dev.grantex.webhooks.MailSender;
import dev.grantex.webhooks.MailtoUrl;
import dev.grantex.webhooks.WebhookDeliveries;
import dev.grantex.webhooks.WebhookOutbox;
import dev.grantex.webhooks.WebhookService;
import dev.grantex.webhooks.WebhookTargets;
import dev.grantex.webhooks.WebhookViews.DeliveryPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A developer's alert channels, and the alerts sent to them. Every anomaly a detection opens is an
 * {@code anomaly.detected} event; each enabled channel whose severities include the anomaly's (or,
 * for a custom rule that names channels, each of those) gets it through the events outbox, in the
 * detection's transaction: a webhook channel the signed event itself, Slack a message, email a mail.
 */
@ApplicationScoped
@Transactional
public class AnomalyChannels {
    static final int MAX_RECIPIENTS = 20;
    private static final List<String> DEFAULT_SEVERITIES = List.of(Severity.CRITICAL, Severity.HIGH);
    private static final int MIN_SECRET_LENGTH = 16;
    private static final int MAX_SECRET_LENGTH = 128;
    /** As many channel ids as a rule's stored list holds (alert_channels, 1,024 characters). */
    static final int MAX_RULE_CHANNELS = 25;

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SecretBox secrets;

    @Inject
    WebhookTargets targets;

    @Inject
    MailSender mail;

    @Inject
    WebhookOutbox outbox;

    @Inject
    WebhookDeliveries deliveries;

    @Inject
    WebhookService webhooks;

    @Inject
    EventLog events;

    @Inject
    PlanLimits planLimits;

    /** A channel just created, with its signing secret (shown once, for webhook channels only). */
    public record Created(AnomalyChannel channel, String secret) {
    }

    public Created create(String developerId, String plan, ChannelRequest body) {
        String type = Fields.requireOneOf(body.type(), "type", AnomalyChannel.TYPES);
        String name = Fields.requireText(body.name(), "name", 256);
        JsonObject config = body.config();
        if (config == null) {
            throw ApiException.badRequest("config is required: " + configHelp(type));
        }
        List<String> severities = severities(body.severities());
        String secret = WebhookService.newSigningSecret();
        String target;
        switch (type) {
            case AnomalyChannel.WEBHOOK -> {
                target = url(config, "url");
                if (config.containsKey("secret")) {
                    secret = text(config, "secret");
                    if (secret.length() < MIN_SECRET_LENGTH || secret.length() > MAX_SECRET_LENGTH) {
                        throw ApiException.badRequest("config.secret must be " + MIN_SECRET_LENGTH + " to "
                                + MAX_SECRET_LENGTH + " characters");
                    }
                }
            }
            case AnomalyChannel.SLACK -> target = url(config, "webhookUrl");
            default -> target = emailTarget(config);
        }
        planLimits.check(plan, PlanLimits.Resource.ALERT_CHANNELS, () -> {
            planLimits.lockDeveloper(developerId);
            return em.createQuery("SELECT COUNT(c) FROM AnomalyChannel c WHERE c.developerId = :dev", Long.class)
                    .setParameter("dev", developerId).getSingleResult();
        });
        AnomalyChannel channel = new AnomalyChannel(Ids.newId("achan"), developerId, type, name, target,
                secrets.seal(secret), severities, clock.instant());
        em.persist(channel);
        return new Created(channel, AnomalyChannel.WEBHOOK.equals(type) ? secret : null);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AnomalyChannel> list(String developerId) {
        return em.createQuery("SELECT c FROM AnomalyChannel c WHERE c.developerId = :dev ORDER BY c.createdAt, c.id",
                AnomalyChannel.class).setParameter("dev", developerId).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AnomalyChannel get(String developerId, String id) {
        AnomalyChannel channel = em.find(AnomalyChannel.class, id);
        if (channel == null || !channel.developerId().equals(developerId)) {
            throw ApiException.notFound("Alert channel not found");
        }
        return channel;
    }

    public AnomalyChannel enable(String developerId, String id, boolean enabled) {
        AnomalyChannel channel = get(developerId, id);
        channel.enable(enabled);
        return channel;
    }

    /**
     * Removes the channel; its alerts not yet delivered are given up, and rules that named it no
     * longer do (a rule left naming none alerts by severity again, rather than to nobody).
     */
    public void delete(String developerId, String id) {
        em.remove(get(developerId, id));
        deliveries.abandonPending(id, "The alert channel was deleted");
        em.createQuery("SELECT r FROM AnomalyRule r WHERE r.developerId = :dev", AnomalyRule.class)
                .setParameter("dev", developerId).getResultList().forEach(rule -> rule.forgetChannel(id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DeliveryPage deliveries(String developerId, String id, String status, String page, String pageSize) {
        return webhooks.deliveriesOf(get(developerId, id).id(), status, page, pageSize);
    }

    /** The channel ids a custom rule may name: the developer's own, each once. */
    List<String> checkRuleChannels(String developerId, List<String> channelIds) {
        if (channelIds == null) {
            return List.of();
        }
        if (channelIds.size() > MAX_RULE_CHANNELS) {
            throw ApiException.badRequest("alertChannels names at most " + MAX_RULE_CHANNELS + " channels");
        }
        Set<String> own = list(developerId).stream().map(AnomalyChannel::id).collect(Collectors.toSet());
        Set<String> named = new LinkedHashSet<>();
        for (String id : channelIds) {
            if (id == null || !own.contains(id)) {
                throw ApiException.badRequest("alertChannels: '" + id + "' is not one of the developer's alert channels");
            }
            named.add(id);
        }
        return List.copyOf(named);
    }

    /**
     * In the detection's transaction: records each opened anomaly as an event and queues it for its
     * channels. The channels and rules are read once for all of them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void alert(String developerId, List<Anomaly> opened, List<AnomalyRule> customRules) {
        if (opened.isEmpty()) {
            return;
        }
        List<AnomalyChannel> enabled = list(developerId).stream().filter(AnomalyChannel::enabled).toList();
        Map<String, AnomalyChannel> byId = enabled.stream().collect(Collectors.toMap(AnomalyChannel::id, Function.identity()));
        Map<String, List<String>> namedByRule = customRules.stream()
                .collect(Collectors.toMap(AnomalyRule::ruleId, AnomalyRule::alertChannels));
        for (Anomaly anomaly : opened) {
            EventEnvelope event = events.record(developerId, EventType.ANOMALY_DETECTED, eventData(anomaly));
            List<String> named = namedByRule.getOrDefault(anomaly.ruleId(), List.of());
            List<AnomalyChannel> recipients = named.isEmpty()
                    ? enabled.stream().filter(c -> c.severities().contains(anomaly.severity())).toList()
                    : named.stream().map(byId::get).filter(c -> c != null).toList();
            for (AnomalyChannel channel : recipients) {
                outbox.queueForTarget(new DeliveryTarget(channel.id(), developerId, deliveryUrl(channel, anomaly),
                        channel.sealedSecret()), event, body(channel, anomaly, event));
            }
        }
    }

    private static JsonObject eventData(Anomaly a) {
        JsonObjectBuilder data = Jsonp.objectBuilder()
                .add("anomalyId", a.id())
                .add("type", a.type())
                .add("severity", a.severity())
                .add("ruleId", a.ruleId())
                .add("ruleName", a.ruleName())
                .add("description", a.description())
                .add("metadata", Jsonp.strictObject(a.metadata()))
                .add("detectedAt", Timestamps.format(a.detectedAt()));
        if (a.agentId() == null) {
            data.addNull("agentId");
        } else {
            data.add("agentId", a.agentId());
        }
        if (a.principalId() == null) {
            data.addNull("principalId");
        } else {
            data.add("principalId", a.principalId());
        }
        return data.build();
    }

    private static String deliveryUrl(AnomalyChannel channel, Anomaly anomaly) {
        if (!AnomalyChannel.EMAIL.equals(channel.type())) {
            return channel.target();
        }
        return new MailtoUrl(MailtoUrl.parse(channel.target()).addresses(), "Grantex anomaly: " + headline(anomaly)).toString();
    }

    private static String body(AnomalyChannel channel, Anomaly anomaly, EventEnvelope event) {
        return switch (channel.type()) {
            case AnomalyChannel.WEBHOOK -> event.json();
            case AnomalyChannel.SLACK -> Jsonp.objectBuilder()
                    .add("text", "*Grantex anomaly: " + headline(anomaly) + "*\n" + details(anomaly)).build().toString();
            default -> "Grantex detected an anomaly: " + headline(anomaly) + "\n\n" + details(anomaly)
                    + "\nAcknowledge or resolve it with POST /v1/anomaly/alerts/" + anomaly.id() + "/acknowledge or /resolve.\n";
        };
    }

    private static String headline(Anomaly anomaly) {
        return "[" + anomaly.severity().toUpperCase(Locale.ROOT) + "] " + anomaly.ruleName() + " (" + anomaly.ruleId() + ")";
    }

    private static String details(Anomaly anomaly) {
        return anomaly.description() + "\n"
                + (anomaly.agentId() == null ? "" : "Agent: " + anomaly.agentId() + "\n")
                + (anomaly.principalId() == null ? "" : "Principal: " + anomaly.principalId() + "\n")
                + "Alert: " + anomaly.id() + ", detected " + Timestamps.format(anomaly.detectedAt()) + "\n";
    }

    private String url(JsonObject config, String field) {
        String url = text(config, field);
        try {
            targets.checkRegistration(url);
        } catch (ApiException e) {
            throw ApiException.badRequest("config." + field + ": " + e.getMessage());
        }
        return url;
    }

    /** The mailto: URL of the recipients, refused when it would leave a delivery no room for a subject. */
    private String emailTarget(JsonObject config) {
        String target = new MailtoUrl(recipients(config), "").toString();
        if (target.length() > MailtoUrl.MAX_LENGTH_WITHOUT_SUBJECT) {
            throw ApiException.badRequest("config.to: the addresses take " + target.length()
                    + " characters as a mailto: URL; at most " + MailtoUrl.MAX_LENGTH_WITHOUT_SUBJECT);
        }
        return target;
    }

    private List<String> recipients(JsonObject config) {
        if (!mail.configured()) {
            throw ApiException.badRequest("Email channels need the server's SMTP settings (GRANTEX_SMTP_HOST), "
                    + "which this server does not have");
        }
        JsonValue to = config.get("to");
        List<String> given = new ArrayList<>();
        if (to instanceof JsonString single) {
            for (String part : single.getString().split(",")) {
                given.add(part.trim());
            }
        } else if (to instanceof JsonArray many) {
            for (JsonValue value : many) {
                if (!(value instanceof JsonString address)) {
                    throw ApiException.badRequest("config.to must list email addresses");
                }
                given.add(address.getString().trim());
            }
        } else {
            throw ApiException.badRequest("config.to is required: an email address or a list of them");
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (String address : given) {
            try {
                InternetAddress parsed = new InternetAddress(address, true);
                if (parsed.getPersonal() != null || !parsed.getAddress().contains("@")) {
                    throw new AddressException("not a plain address", address);
                }
                addresses.add(parsed.getAddress());
            } catch (AddressException e) {
                throw ApiException.badRequest("config.to: '" + address + "' is not an email address");
            }
        }
        if (addresses.isEmpty() || addresses.size() > MAX_RECIPIENTS) {
            throw ApiException.badRequest("config.to must list 1 to " + MAX_RECIPIENTS + " email addresses");
        }
        return List.copyOf(addresses);
    }

    private static String text(JsonObject config, String field) {
        JsonValue value = config.get(field);
        if (!(value instanceof JsonString string) || string.getString().isBlank()) {
            throw ApiException.badRequest("config." + field + " is required and must be a string");
        }
        return string.getString();
    }

    private static List<String> severities(List<String> given) {
        if (given == null) {
            return DEFAULT_SEVERITIES;
        }
        if (given.isEmpty()) {
            throw ApiException.badRequest("severities must list at least one of " + String.join(", ", Severity.ALL));
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String severity : given) {
            distinct.add(Fields.requireOneOf(severity, "severities", Severity.ALL));
        }
        return List.copyOf(distinct);
    }

    private static String configHelp(String type) {
        return switch (type) {
            case AnomalyChannel.WEBHOOK -> "{url, secret?}";
            case AnomalyChannel.SLACK -> "{webhookUrl}";
            default -> "{to: [email addresses]}";
        };
    }
}
