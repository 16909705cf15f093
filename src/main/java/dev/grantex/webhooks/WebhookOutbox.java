package dev.grantex.webhooks;

import dev.grantex.events.EventEnvelope;
import dev.grantex.platform.Ids;
import dev.grantex.platform.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    void queue(@Observes EventEnvelope event) {
        if (!event.type().webhookSubscribable()) {
            return;
        }
        List<Webhook> subscribed = em.createQuery("SELECT w FROM Webhook w WHERE w.developerId = :dev", Webhook.class)
                .setParameter("dev", event.developerId()).getResultList().stream()
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
            attempts.add(new WebhookAttempt(delivery.id(), leaseToken, webhook.url(), event.json(), signature, secret));
        }
        queued.fire(new Queued(attempts));
    }

    void sendAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Queued committed) {
        sender.submit(committed.attempts());
    }
}
