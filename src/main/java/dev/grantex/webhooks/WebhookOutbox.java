package dev.grantex.webhooks;

import dev.grantex.events.EventEnvelope;
import dev.grantex.platform.Ids;
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
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Queues a delivery for every webhook subscribed to an event (and, when asked, for another feature's
 * target), in the transaction that records the event, so a committed event always has its deliveries.
 * They are queued leased by this node, which sends them as soon as the transaction commits; should it
 * die first, the lease runs out and another node's retry timer sends them. While this node's queue,
 * or the developer's share of it, is full they are queued due instead, for the next lease on any
 * node, rather than leased only to be handed back.
 */
@ApplicationScoped
public class WebhookOutbox {
    static final int MAX_ATTEMPTS = 5;

    /** The deliveries a committed transaction queued: those leased for this node to send at once, the others left due. */
    record Queued(List<WebhookAttempt> attempts) {
    }

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    WebhookSecrets secrets;

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
        String leaseToken = leaseIfRoom(event.developerId());
        List<WebhookAttempt> attempts = new ArrayList<>();
        for (Webhook webhook : subscribed) {
            attempts.add(persist(webhook.asTarget(), secrets.open(webhook.sealedSecret()), event, event.json(), leaseToken));
        }
        queued.fire(new Queued(attempts));
    }

    /**
     * Queues the body for another feature's target (an anomaly alert channel) in the caller's
     * transaction, as an event's delivery: sent after the commit, retried like a webhook's.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queueForTarget(DeliveryTarget target, EventEnvelope event, String body) {
        queued.fire(new Queued(List.of(persist(target, secrets.open(target.sealedSecret()), event, body,
                leaseIfRoom(target.developerId())))));
    }

    /**
     * A lease for rows this node sends after the commit, or null (the rows left due) while its queue,
     * or the developer's share of it, is full.
     */
    private String leaseIfRoom(String developerId) {
        return sender.hasRoomFor(developerId) ? Ids.newId("lease") : null;
    }

    private WebhookAttempt persist(DeliveryTarget target, String secret, EventEnvelope event, String body, String leaseToken) {
        Instant now = clock.instant();
        String signature = WebhookSignatures.v1(secret, body);
        Instant nextAttemptAt = leaseToken == null ? now : now.plus(WebhookDeliveries.LEASE);
        WebhookDelivery delivery = new WebhookDelivery(Ids.newId("whd"), target, event.id(), event.type().wireName(), body,
                signature, MAX_ATTEMPTS, now, nextAttemptAt, leaseToken);
        em.persist(delivery);
        return new WebhookAttempt(delivery.id(), target.developerId(), leaseToken, nextAttemptAt, target.url(), body,
                signature, secret);
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
        List<WebhookAttempt> leased = committed.attempts().stream().filter(attempt -> attempt.leaseToken() != null).toList();
        if (leased.size() < committed.attempts().size()) {
            sender.leftDue();
        }
        sender.submit(leased);
    }
}
