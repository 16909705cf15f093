package dev.grantex.events;

import dev.grantex.platform.ExpirySweep;
import dev.grantex.platform.Ids;
import dev.grantex.platform.storage.BatchedDelete;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Map;

/**
 * Where features record what happened. The event is stored in the caller's transaction, so it exists
 * exactly when the change does, and fired as a CDI event: observers during the transaction add to it
 * (webhook deliveries), observers after a successful commit pass it on (streams on every node).
 */
@ApplicationScoped
public class EventLog {
    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<EventEnvelope> recorded;

    @Inject
    BatchedDelete purges;

    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope record(String developerId, EventType type, JsonObject data) {
        EventEnvelope event = EventEnvelope.of(Ids.newId("evt"), developerId, type, clock.instant(), data);
        em.persist(new StoredEvent(event));
        recorded.fire(event);
        return event;
    }

    /** The sweep removes events older than the retention period. */
    void purge(@Observes ExpirySweep sweep) {
        purges.deleteAll(StoredEvent.class, "id", "x.createdAt < :before", Map.of("before", sweep.purgeBefore()));
    }
}
