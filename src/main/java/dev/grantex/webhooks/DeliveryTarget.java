package dev.grantex.webhooks;

/**
 * Where the outbox delivers, besides developers' webhooks: another feature's target (an anomaly
 * alert channel) with its id, owner, URL (https, http, or mailto: for email) and sealed signing secret.
 */
public record DeliveryTarget(String id, String developerId, String url, String sealedSecret) {
}
