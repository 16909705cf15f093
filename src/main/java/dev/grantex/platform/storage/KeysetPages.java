package dev.grantex.platform.storage;

import dev.grantex.platform.web.QueryParams;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads rows ordered by (time, id) a page at a time, each page starting after the last row of the one
 * before, and lets each page go before the next, so that any number of rows takes the memory of one
 * page. The query orders by its time and id and binds the last row's as {@code :keyTime} and
 * {@code :keyId}; ascending, it holds
 * {@code time >= :keyTime AND (time > :keyTime OR id > :keyId)}, descending the same with the
 * comparisons turned. The first condition lets an index on the time start where the last page ended;
 * the OR alone would have it scan every row of the earlier pages again for every page.
 */
public final class KeysetPages {
    /** A first key before every row of an ascending walk. */
    public static final Instant BEFORE_ALL = Instant.EPOCH.minusMillis(1);
    /** A first key before every row of a descending walk. */
    public static final Instant AFTER_ALL = QueryParams.LATEST.plusMillis(1);

    private KeysetPages() {
    }

    public static <T> void forEach(EntityManager em, TypedQuery<T> query, int pageSize, Instant firstKey,
                                   Function<T, Instant> timeOf, Function<T, String> idOf, Consumer<T> each) {
        query.setMaxResults(pageSize);
        Instant keyTime = firstKey;
        String keyId = "";
        List<T> page;
        do {
            page = query.setParameter("keyTime", keyTime).setParameter("keyId", keyId).getResultList();
            for (T row : page) {
                each.accept(row);
                keyTime = timeOf.apply(row);
                keyId = idOf.apply(row);
            }
            em.clear();
        } while (page.size() == pageSize);
    }
}
