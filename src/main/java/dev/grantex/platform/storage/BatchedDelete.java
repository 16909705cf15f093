package dev.grantex.platform.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Deletes every row that matches a condition in batches of at most 1,000 rows, each committed on
 * its own, so that a long backlog (the first sweep after a long outage, a shortened retention)
 * never makes one statement outlast the query timeout, or one transaction hold a million row locks:
 * what one run leaves, for a failure, the next takes up.
 */
@ApplicationScoped
public class BatchedDelete {
    static final int BATCH = 1000;

    @Inject
    DeleteBatch batch;

    /**
     * @param condition a JPQL condition on the entity, whose alias is {@code x}
     * @return how many rows were deleted
     */
    public long deleteAll(Class<?> entity, String idAttribute, String condition, Map<String, Object> parameters) {
        long deleted = 0;
        int last;
        do {
            last = batch.delete(entity, idAttribute, condition, parameters, BATCH);
            deleted += last;
        } while (last == BATCH);
        return deleted;
    }
}
