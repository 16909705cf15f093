package dev.grantex.webhooks;

import dev.grantex.platform.storage.SchemaMigrator;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Every second, on every node: has the sender lease the deliveries that are due (retries, what a node
 * had no room for, and first attempts whose node died before making them). Leasing makes sure one
 * node at a time works on a delivery, so the timer need not be persistent: any live node picks up a
 * dead one's work.
 */
@Singleton
public class WebhookRetryTimer {
    @Inject
    WebhookSender sender;

    @Inject
    SchemaMigrator schema;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "grantex webhook deliveries")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sendDue() {
        if (schema.migrated()) {
            sender.sendDue();
        }
    }
}
