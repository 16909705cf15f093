package dev.grantex.webhooks;

import dev.grantex.events.EventType;
import dev.grantex.platform.ExpirySweep;
import dev.grantex.platform.Ids;
import dev.grantex.platform.PlanLimits;
import dev.grantex.platform.Timestamps;
import dev.grantex.platform.crypto.RandomBytes;
import dev.grantex.platform.crypto.SecretBox;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.storage.BatchedDelete;
import dev.grantex.platform.web.QueryParams;
import dev.grantex.webhooks.WebhookViews.CreatedWebhookView;
import dev.grantex.webhooks.WebhookViews.DeliveryPage;
import dev.grantex.webhooks.WebhookViews.DeliveryView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A developer's webhooks: registration, listing, removal, and the deliveries of each. */
@ApplicationScoped
@Transactional
public class WebhookService {
    private static final int SECRET_BYTES = 24;
    private static final int MAX_PAGE_SIZE = 100;
    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final Set<String> STATUSES = Set.of(WebhookDelivery.PENDING, WebhookDelivery.DELIVERED,
            WebhookDelivery.FAILED);

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SecretBox secrets;

    @Inject
    WebhookTargets targets;

    @Inject
    PlanLimits planLimits;

    @Inject
    BatchedDelete purges;

    public CreatedWebhookView create(String developerId, String plan, String url, List<String> events) {
        targets.checkRegistration(url);
        List<String> validEvents = checkEvents(events);
        planLimits.check(plan, PlanLimits.Resource.WEBHOOKS, () -> {
            planLimits.lockDeveloper(developerId);
            return em.createQuery("SELECT COUNT(w) FROM Webhook w WHERE w.developerId = :dev", Long.class)
                    .setParameter("dev", developerId).getSingleResult();
        });
        String secret = newSigningSecret();
        Instant now = clock.instant();
        Webhook webhook = new Webhook(Ids.newId("wh"), developerId, url, validEvents, secrets.seal(secret), now);
        em.persist(webhook);
        return new CreatedWebhookView(webhook.id(), url, validEvents, secret, Timestamps.format(now));
    }

    /** A new random signing secret, as webhooks and alert channels get. */
    public static String newSigningSecret() {
        return HexFormat.of().formatHex(RandomBytes.of(SECRET_BYTES));
    }

    private static List<String> checkEvents(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw ApiException.badRequest("events must list at least one of " + String.join(", ", EventType.webhookTypes()));
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String event : events) {
            if (event == null || !EventType.webhookTypes().contains(event)) {
                throw ApiException.badRequest("Invalid event type '" + event + "': webhooks accept "
                        + String.join(", ", EventType.webhookTypes()));
            }
            distinct.add(event);
        }
        return List.copyOf(distinct);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Webhook> list(String developerId) {
        return em.createQuery("SELECT w FROM Webhook w WHERE w.developerId = :dev ORDER BY w.createdAt DESC, w.id DESC",
                Webhook.class).setParameter("dev", developerId).getResultList();
    }

    /**
     * Removes the webhook. Its pending deliveries are not attempted again (the next lease marks them
     * failed); its delivery history goes with the retention sweep, so removal stays quick however
     * long the history.
     */
    public void delete(String developerId, String webhookId) {
        em.remove(find(developerId, webhookId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DeliveryPage deliveries(String developerId, String webhookId, String status, String page, String pageSize) {
        return deliveriesOf(find(developerId, webhookId).id(), status, page, pageSize);
    }

    /**
     * A target's deliveries, newest first, a page (from 1) of pageSize (default 20, at most 100) at a
     * time; the caller has checked that the target is the developer's.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DeliveryPage deliveriesOf(String targetId, String status, String pageParam, String pageSizeParam) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("status must be pending, delivered or failed");
        }
        int page = pageParam == null ? 1
                : (int) QueryParams.wholeNumber(pageParam, "page", 1, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int pageSize = pageSizeParam == null ? DEFAULT_PAGE_SIZE
                : (int) Math.min(MAX_PAGE_SIZE, QueryParams.wholeNumber(pageSizeParam, "pageSize", 1, Integer.MAX_VALUE));
        String where = " FROM WebhookDelivery d WHERE d.webhookId = :id" + (status == null ? "" : " AND d.status = :status");
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(d)" + where, Long.class).setParameter("id", targetId);
        TypedQuery<WebhookDelivery> rows = em.createQuery("SELECT d" + where + " ORDER BY d.createdAt DESC, d.id DESC",
                WebhookDelivery.class).setParameter("id", targetId);
        if (status != null) {
            count.setParameter("status", status);
            rows.setParameter("status", status);
        }
        List<DeliveryView> deliveries = rows.setFirstResult((page - 1) * pageSize).setMaxResults(pageSize)
                .getResultList().stream().map(DeliveryView::of).toList();
        return new DeliveryPage(deliveries, count.getSingleResult(), page, pageSize);
    }

    private Webhook find(String developerId, String webhookId) {
        Webhook webhook = em.find(Webhook.class, webhookId);
        if (webhook == null || !webhook.developerId().equals(developerId)) {
            throw ApiException.notFound("Webhook not found");
        }
        return webhook;
    }

    /** The sweep removes delivered and failed deliveries older than the retention period. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    void purgeFinishedDeliveries(@Observes ExpirySweep sweep) {
        purges.deleteAll(WebhookDelivery.class, "id", "x.status <> :pending AND x.createdAt < :before",
                Map.of("pending", WebhookDelivery.PENDING, "before", sweep.purgeBefore()));
    }
}
