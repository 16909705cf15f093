package dev.grantex.webhooks;

import java.time.Instant;

/**
 * One leased delivery as the sender needs it: whose it is, what to send where, signed with which
 * secret, under which lease, and when that lease ends (after which another attempt may already be
 * under way).
 */
record WebhookAttempt(String deliveryId, String developerId, String leaseToken, Instant leaseEnds, String url,
                      String payload, String signature, String secret) {
}
