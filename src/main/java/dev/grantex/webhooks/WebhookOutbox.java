package dev.grantex.webhooks;

import dev.grantex.events.EventEnvelope;
import dev.grantex.platform.Ids;
import dev.grantex.platform.crypto.SecretBox;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Queues a delivery for every webhook subscribed to an event, in the transaction that records the
 * event, so a committed event always has its deliveries. They are queued leased by this node, which
 * sends them as soon as the transaction commits; should it die first, the lease runs out and another
 * node's retry timer sends them.
 */
@ApplicationScoped
public class WebhookOutbox {
    static final int MAX_ATTEMPTS = 5;

    /** The deliveries a committed transaction queued, for this node to send at once. */
    record Queued(List<WebhookAttempt> attempts) {
    }

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SecretBox secrets;

    @Inject
    Event<Queued> queued;

    @Inject
    WebhookSender sender;

    @Resource
    TransactionSynchronizationRegistry transaction;

    void queue(@Observes EventEnvelope event) {
        if (!event.type().webhookSubscribable()) {
            return;
        }
        List<Webhook> subscribed = webhooksOf(event.developerId()).stream()
                .filter(webhook -> webhook.events().contains(event.type().wireName()))
                .toList();
        if (subscribed.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        String leaseToken = Ids.newId("lease");
        List<WebhookAttempt> attempts = new ArrayList<>();
        for (Webhook webhook : subscribed) {
            String secret = secrets.open(webhook.sealedSecret());
            String signature = WebhookSignatures.v1(secret, event.json());
            WebhookDelivery delivery = new WebhookDelivery(Ids.newId("whd"), webhook, event.id(),
                    event.type().wireName(), event.json(), signature, MAX_ATTEMPTS, now,
                    now.plus(WebhookDeliveries.LEASE), leaseToken);
            em.persist(delivery);
            attempts.add(new WebhookAttempt(delivery.id(), leaseToken, now.plus(WebhookDeliveries.LEASE), webhook.url(),
                    event.json(), signature, secret));
        }
        queued.fire(new Queued(attempts));
    }

    /** The developer's webhooks, read once per transaction (the flow records two events in one). */
    private List<Webhook> webhooksOf(String developerId) {
        @SuppressWarnings("unchecked")
        Map<String, List<Webhook>> read = (Map<String, List<Webhook>>) transaction.getResource(WebhookOutbox.class);
        if (read == null) {
            read = new HashMap<>();
            transaction.putResource(WebhookOutbox.class, read);
        }
        // COMMIT: the transaction changes no webhook, and flushing its writes early would split them
        // into more round trips than the one batch they go in at commit.
        return read.computeIfAbsent(developerId, id -> em.createQuery(
                "SELECT w FROM Webhook w WHERE w.developerId = :dev", Webhook.class).setParameter("dev", id)
                .setFlushMode(FlushModeType.COMMIT).getResultList());
    }

    void sendAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Queued committed) {
        sender.submit(committed.attempts());
    }
}
