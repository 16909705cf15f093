package dev.grantex.events;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type the protocol names, by its wire name. Webhooks may subscribe to the first three only. */
public enum EventType {
    GRANT_CREATED("grant.created", true),
    GRANT_REVOKED("grant.revoked", true),
    TOKEN_ISSUED("token.issued", true),
    BUDGET_THRESHOLD("budget.threshold", false),
    BUDGET_EXHAUSTED("budget.exhausted", false),
    /** Beyond the contract: a budget closed because its grant was revoked or expired, with what was left. */
    BUDGET_CLOSED("budget.closed", false),
    FIDO_REGISTERED("fido.registered", false),
    FIDO_ASSERTION("fido.assertion", false),
    VC_ISSUED("vc.issued", false),
    SD_JWT_ISSUED("sd-jwt.issued", false),
    SD_JWT_PRESENTED("sd-jwt.presented", false),
    PASSPORT_ISSUED("passport.issued", false),
    PASSPORT_REVOKED("passport.revoked", false),
    PASSPORT_TOKEN_EXCHANGE("passport.token-exchange", false),
    SSO_LOGIN("sso.login", false),
    SSO_CONNECTION_CREATED("sso.connection.created", false),
    SSO_CONNECTION_UPDATED("sso.connection.updated", false),
    SSO_CONNECTION_DELETED("sso.connection.deleted", false),
    VAULT_CREDENTIAL_STORED("vault.credential.stored", false),
    VAULT_CREDENTIAL_DELETED("vault.credential.deleted", false),
    VAULT_CREDENTIAL_EXCHANGED("vault.credential.exchanged", false),
    ANOMALY_AUTO_REVOKED("anomaly.auto_revoked", false),
    /** Beyond the contract: an anomaly a detection opened, as alert channels receive it. */
    ANOMALY_DETECTED("anomaly.detected", false);

    private static final Map<String, EventType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String wireName;
    private final boolean webhookSubscribable;

    EventType(String wireName, boolean webhookSubscribable) {
        this.wireName = wireName;
        this.webhookSubscribable = webhookSubscribable;
    }

    public String wireName() {
        return wireName;
    }

    public boolean webhookSubscribable() {
        return webhookSubscribable;
    }

    public static Optional<EventType> fromWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }

    /** The wire names of the types webhooks may subscribe to, in declaration order. */
    public static List<String> webhookTypes() {
        return Arrays.stream(values()).filter(EventType::webhookSubscribable).map(EventType::wireName).toList();
    }
}
