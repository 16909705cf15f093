package dev.grantex.webhooks;

import dev.grantex.platform.storage.SchemaMigrator;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Every second, on every node: leases the deliveries that are due (retries, and first attempts whose
 * node died before making them) and hands them to the sender. Leasing makes sure one node at a time
 * works on a delivery, so the timer need not be persistent: any live node picks up a dead one's work.
 */
@Singleton
public class WebhookRetryTimer {
    private static final Logger LOG = Logger.getLogger(WebhookRetryTimer.class.getName());

    @Inject
    WebhookDeliveries deliveries;

    @Inject
    WebhookSender sender;

    @Inject
    SchemaMigrator schema;

    private boolean failing;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "grantex webhook deliveries")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sendDue() {
        int room = sender.room();
        if (room == 0 || !schema.migrated()) {
            return;
        }
        try {
            sender.submit(deliveries.leaseDue(room));
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warning("Cannot lease due webhook deliveries (" + e + "); trying again every second");
                failing = true;
            }
        }
    }
}
