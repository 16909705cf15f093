package dev.grantex.webhooks;

/** One leased delivery as the sender needs it: what to send where, signed with which secret, under which lease. */
record WebhookAttempt(String deliveryId, String leaseToken, String url, String payload, String signature,
                      String secret) {
}
