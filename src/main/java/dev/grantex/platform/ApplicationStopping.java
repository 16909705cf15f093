package dev.grantex.platform;

/**
 * CDI event fired as the application begins to stop, while the database, Redis and transactions
 * still work: observers hand back or write what they hold in memory. A bean's @PreDestroy is too
 * late for that: Liberty has closed the persistence unit by then (found stopping a node with webhook
 * deliveries queued, whose hand-back failed on a closed EntityManagerFactory).
 */
public record ApplicationStopping() {
}
