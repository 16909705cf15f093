package dev.grantex.credentials;

import dev.grantex.platform.Ids;
import dev.grantex.platform.web.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Hands out status-list bits to new credentials and sets them when credentials are revoked. */
@ApplicationScoped
public class StatusLists {
    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    PublicUrl publicUrl;

    @Inject
    Clock clock;

    /**
     * The next free bit of the developer's newest list with room, or of a new list. The list stays
     * locked until the caller's transaction ends, so no bit is handed out twice.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public StatusEntry allocate(String developerId) {
        List<String> open = em.createQuery("SELECT s.id FROM StatusList s WHERE s.developerId = :dev "
                        + "AND s.nextIndex < s.size ORDER BY s.createdAt DESC", String.class)
                .setParameter("dev", developerId).setMaxResults(1).getResultList();
        StatusList list = open.isEmpty() ? null : em.find(StatusList.class, open.get(0), LockModeType.PESSIMISTIC_WRITE);
        if (list == null || list.full()) {
            list = new StatusList(Ids.newId("stl"), developerId, clock.instant());
            em.persist(list);
        }
        return new StatusEntry(list.id(), list.allocate());
    }

    /**
     * Sets the bits of these entries in the caller's transaction. Each list is locked once, in id
     * order, so two revocations cannot deadlock on them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revoke(Collection<StatusEntry> entries) {
        Instant now = clock.instant();
        entries.stream().collect(Collectors.groupingBy(StatusEntry::listId, TreeMap::new,
                        Collectors.mapping(StatusEntry::index, Collectors.toList())))
                .forEach((listId, indexes) -> em.find(StatusList.class, listId, LockModeType.PESSIMISTIC_WRITE)
                        .revoke(indexes, now));
    }

    /** The credentialStatus member of a credential that holds this entry (a StatusList2021Entry). */
    public Map<String, Object> credentialStatus(StatusEntry entry) {
        String listUrl = url(entry.listId());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", listUrl + "#" + entry.index());
        status.put("type", "StatusList2021Entry");
        status.put("statusPurpose", StatusList.REVOCATION);
        status.put("statusListIndex", Integer.toString(entry.index()));
        status.put("statusListCredential", listUrl);
        return status;
    }

    /** The public URL of a list's credential. */
    public String url(String listId) {
        return publicUrl.origin() + "/v1/credentials/status/" + listId;
    }
}
